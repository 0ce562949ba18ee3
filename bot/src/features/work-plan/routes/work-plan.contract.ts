/**
 * The work-plan tab API's wire contract: every route's request and response JSON. The only
 * source of these types for the bot (routes.ts builds responses that satisfy them) and the
 * tab (which imports them and checks responses against them in development builds).
 * The tab bundles this file: it imports zod and the feature's pure domain value lists only.
 */
import { z } from 'zod';
import { ITEM_STATUSES, PRIORITIES } from '../domain/action-item';
import { CADENCES, WEEKDAYS } from '../domain/work-plan-settings';
import { LANGUAGES } from '../../../kernel/languages';
import { SORTS } from '../domain/item-query';

export const itemStatus = z.enum(ITEM_STATUSES);
export const itemPriority = z.enum(PRIORITIES);
export const itemSort = z.enum(SORTS);
export const weekday = z.enum(WEEKDAYS);
export const cadence = z.enum(CADENCES);
export type ItemStatus = z.infer<typeof itemStatus>;
export type ItemPriority = z.infer<typeof itemPriority>;
export type ItemSort = z.infer<typeof itemSort>;
export type Weekday = z.infer<typeof weekday>;

// ---- Requests ----

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(200)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
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
  sort: itemSort.optional(),
  order: z.enum(['asc', 'desc']).optional(),
});
/** What the tab sends: every value a string, as in the URL. */

const itemFields = {
  title: z.string().max(10_000),
  description: z.string().max(20_000),
  ownerId: z.string().max(64).nullable(),
  organisation: z.string().max(200).nullable(),
  priority: itemPriority,
  due: z.string().max(40).nullable(),
  area: z.string().max(500).nullable(),
};

/** POST items. */
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

/** PATCH items/:ref (If-Match, or `etag` when the client cannot send it). */
export const patchItemBody = z.strictObject({
  title: itemFields.title.optional(),
  description: itemFields.description.optional(),
  ownerId: itemFields.ownerId.optional(),
  organisation: itemFields.organisation.optional(),
  priority: itemFields.priority.optional(),
  status: itemStatus.optional(),
  progress: z.number().optional(),
  due: itemFields.due.optional(),
  area: itemFields.area.optional(),
  note: z.string().max(5000).optional(),
  /** When the client cannot send If-Match. */
  etag: z.string().max(200).optional(),
});
export type PatchItemBody = z.infer<typeof patchItemBody>;

const settingsFields = {
  timeZone: z.string().max(100),
  digestDay: weekday,
  digestTime: z.string().max(10),
  dueSoonDays: z.array(z.number()).max(10),
  overdueCadence: cadence,
  escalateAfter: z.number(),
  workingDays: z.array(weekday).max(7),
  organisations: z.array(z.string().max(200)).max(200),
};

/** PUT settings (If-Match, If-None-Match: * for the first save, or `etag`). */
export const settingsBody = z.strictObject({
  ...settingsFields,
  /** The group's language (one of the six, checked by the use case so a wrong one is refused with the choices); left out, unchanged. */
  language: z.string().max(20).optional(),
  /** When the client cannot send If-Match. */
  etag: z.string().max(200).optional(),
});

// ---- Responses ----

/** An action item as the API shows it. */
export const item = z.object({
  ref: z.string(),
  number: z.number(),
  title: z.string(),
  description: z.string(),
  owner: z.object({ aadObjectId: z.string(), name: z.string() }).nullable(),
  organisation: z.string().nullable(),
  priority: itemPriority,
  status: itemStatus,
  progress: z.number(),
  due: z.string().nullable(),
  area: z.string().nullable(),
  sessionId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  doneAt: z.string().nullable(),
});
export type Item = z.infer<typeof item>;

/** GET items: a page of items, each with its ETag (an edit starts from it without a second read), and the caller's own organisation. */
export const itemsResponse = z.object({
  items: z.array(item.extend({ etag: z.string() })),
  me: z.object({ organisation: z.string().nullable() }),
  nextPageToken: z.string().nullable(),
});
export type ItemsResponse = z.infer<typeof itemsResponse>;
export type ListedItem = ItemsResponse['items'][number];

export const historyEntry = z.object({
  number: z.number(),
  revision: z.number(),
  at: z.string(),
  by: z.string(),
  byName: z.string(),
  field: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
});

/** GET items/:ref (with its history), POST items (201) and PATCH items/:ref. */
export const itemWithEtag = z.object({ item, etag: z.string(), history: z.array(historyEntry).optional() });
export type ItemWithEtag = z.infer<typeof itemWithEtag>;

export const reminderSettings = z.object({ ...settingsFields, language: z.enum(LANGUAGES) });
export type ReminderSettings = z.infer<typeof reminderSettings>;

/** PUT settings. */
export const savedSettings = z.object({ settings: reminderSettings, etag: z.string() });
export type SavedSettings = z.infer<typeof savedSettings>;

/** GET settings (co-chairs). `etag` null: nothing stored yet (the defaults are shown); the first save must create them. */
export const settingsResponse = z.object({
  settings: reminderSettings,
  etag: z.string().nullable(),
  /** Each member's organisation, by lower-case object id. */
  memberOrganisations: z.record(z.string(), z.string()),
});
export type SettingsResponse = z.infer<typeof settingsResponse>;

/** What each route (`method path`, as the route declares it) answers: a schema, or null for a file download. */
export const workPlanResponses = {
  'get items': itemsResponse,
  'get items.csv': null,
  'post items': itemWithEtag,
  'get items/:ref': itemWithEtag,
  'patch items/:ref': itemWithEtag,
  'get settings': settingsResponse,
  'put settings': savedSettings,
} as const;
