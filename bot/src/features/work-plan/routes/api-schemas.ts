import { z } from 'zod';
import { ITEM_STATUSES, PRIORITIES } from '../domain/action-item';
import { CADENCES, WEEKDAYS } from '../domain/work-plan-settings';
import { SORTS } from '../domain/item-query';

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(200)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)));
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Query of GET items and items.csv: every filter optional, unknown parameters refused. */
export const itemsQuery = z.strictObject({
  status: csv(ITEM_STATUSES).optional(),
  open: z.enum(['true', 'false']).optional(),
  org: z.string().min(1).max(100).optional(),
  owner: z.string().min(1).max(64).optional(),
  priority: csv(PRIORITIES).optional(),
  area: z.string().min(1).max(100).optional(),
  dueFrom: date.optional(),
  dueTo: date.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  sort: z.enum(SORTS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});

const itemFields = {
  title: z.string().max(10_000),
  description: z.string().max(20_000),
  ownerId: z.string().max(64).nullable(),
  organisation: z.string().max(200).nullable(),
  priority: z.enum(PRIORITIES),
  due: z.string().max(40).nullable(),
  area: z.string().max(500).nullable(),
};

export const createItemBody = z.strictObject({
  ...itemFields,
  title: z.string().max(10_000),
  description: itemFields.description.optional(),
  ownerId: itemFields.ownerId.optional(),
  organisation: itemFields.organisation.optional(),
  priority: itemFields.priority.optional(),
  due: itemFields.due.optional(),
  area: itemFields.area.optional(),
  progress: z.number().optional(),
  sessionId: z.string().min(1).max(100).optional(),
});

export const patchItemBody = z.strictObject({
  title: itemFields.title.optional(),
  description: itemFields.description.optional(),
  ownerId: itemFields.ownerId.optional(),
  organisation: itemFields.organisation.optional(),
  priority: itemFields.priority.optional(),
  status: z.enum(ITEM_STATUSES).optional(),
  progress: z.number().optional(),
  due: itemFields.due.optional(),
  area: itemFields.area.optional(),
  note: z.string().max(5000).optional(),
  /** When the client cannot send If-Match. */
  etag: z.string().max(200).optional(),
});

export const settingsBody = z.strictObject({
  timeZone: z.string().max(100),
  digestDay: z.enum(WEEKDAYS),
  digestTime: z.string().max(10),
  dueSoonDays: z.array(z.number()).max(10),
  overdueCadence: z.enum(CADENCES),
  escalateAfter: z.number(),
  workingDays: z.array(z.enum(WEEKDAYS)).max(7),
  organisations: z.array(z.string().max(200)).max(200),
  /** When the client cannot send If-Match. */
  etag: z.string().max(200).optional(),
});
