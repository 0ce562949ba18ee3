import { z } from 'zod';
import { TEAM_ID } from '../../../platform/cards/payload';
import { requestKeyField } from '../../../platform/cards/request-key';
import { ORGANISATIONS_TEXT_MAX } from '../domain/work-plan-settings';

/**
 * Card payloads are user input: exactly these fields, nothing more. Teams sends the values
 * of every input on the card with any of its actions, so an item action accepts each of the
 * item card's inputs; the verb decides which one it uses.
 */
const ITEM_ID = z.union([
  z.number().int().positive(),
  z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number),
]);
const TEXT = (max: number) => z.string().max(max);

const PAGE = z.union([
  z.number().int().min(0).max(10_000),
  z
    .string()
    .regex(/^\d{1,5}$/)
    .transform(Number),
]);
/** Where the card was opened from ('' when not from a list): its "Back to list" goes there. */
const LIST_PLACE = { listFilter: z.string().max(120).optional(), listPage: PAGE.optional() };

export const itemShowPayload = z.strictObject({ teamId: TEAM_ID, itemId: ITEM_ID, ...LIST_PLACE });

/** The item as the card showed it when drawn: "Save" changes only what was changed on the card. */
const SHOWN = z.strictObject({ status: TEXT(20), progress: z.union([z.number(), TEXT(10)]), due: TEXT(40), priority: TEXT(20) });

export const itemActionPayload = z.strictObject({
  teamId: TEAM_ID,
  itemId: ITEM_ID,
  ...LIST_PLACE,
  shown: SHOWN.optional(),
  status: TEXT(20).optional(),
  // Teams sends an Input.Number as a number; an emptied one as '' or not at all.
  progress: z.union([z.number(), TEXT(10)]).optional(),
  due: TEXT(40).optional(),
  note: TEXT(5000).optional(),
  priority: TEXT(20).optional(),
});
export type ItemActionPayload = z.infer<typeof itemActionPayload>;

export const itemsPagePayload = z.strictObject({
  teamId: TEAM_ID,
  filter: z.string().max(120),
  page: PAGE,
});

/** The new-item form (chat: Action.Execute; message-action dialog: Action.Submit). */
export const itemFormPayload = z.strictObject({
  teamId: TEAM_ID,
  title: TEXT(10_000).optional(),
  description: TEXT(20_000).optional(),
  owner: TEXT(64).optional(),
  organisation: TEXT(200).optional(),
  priority: TEXT(20).optional(),
  due: TEXT(40).optional(),
  area: TEXT(500).optional(),
  ...requestKeyField,
});
export type ItemFormPayload = z.infer<typeof itemFormPayload>;

export const settingsPayload = z.strictObject({
  teamId: TEAM_ID,
  timeZone: TEXT(100).optional(),
  language: TEXT(20).optional(),
  digestDay: TEXT(10).optional(),
  digestTime: TEXT(10).optional(),
  dueSoonDays: TEXT(100).optional(),
  overdueCadence: TEXT(10).optional(),
  escalateAfter: z.union([z.number(), TEXT(10)]).optional(),
  workingDays: TEXT(100).optional(),
  // The card's box holds exactly this much: a longer list is refused, never cut.
  organisations: TEXT(ORGANISATIONS_TEXT_MAX).optional(),
  memberId: TEXT(64).optional(),
  memberOrganisation: TEXT(200).optional(),
});
export type SettingsPayload = z.infer<typeof settingsPayload>;
