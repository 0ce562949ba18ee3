import { z } from 'zod';
import { TEAM_ID } from '../../../platform/cards/payload';
import { requestKeyField } from '../../../platform/cards/request-key';
import { recordBody } from '../routes/decisions.contract';

/** Generous bounds: the use case gives the precise "too long" message; these only stop absurd payloads. */
const text = (max: number) => z.string().max(max).optional();
const REF = z.string().min(1).max(40);

/** Opening the form, optionally pre-filled (a poll's "record as decision"). */
export const formPayload = z.strictObject({ teamId: TEAM_ID, title: text(20_000), text: text(60_000), pollId: text(1_000), sessionId: text(1_000) });

/**
 * The form's submit: its hidden data plus the inputs Teams merges in. The same fields as the
 * tab's record request, except that the card sends the linked items as one text field.
 */
/** The pickers' "none" choice: Microsoft's renderer refuses a choice whose value is empty. */
export const NO_LINK = 'none';
const link = text(1_000).transform((v) => (v === NO_LINK ? '' : v));
export const recordPayload = recordBody.omit({ actionItemIds: true }).extend({ teamId: TEAM_ID, actionItemIds: text(10_000), sessionId: link, pollId: link, ...requestKeyField });
export type RecordPayload = z.infer<typeof recordPayload>;

export const refPayload = z.strictObject({ teamId: TEAM_ID, ref: REF });
export const pagePayload = z.strictObject({
  teamId: TEAM_ID,
  q: z.string().max(200).optional(),
  page: z
    .union([
      z.number().int().min(0).max(100_000),
      z
        .string()
        .regex(/^\d{1,6}$/)
        .transform(Number),
    ])
    .optional(),
});
export const teamPayload = z.strictObject({ teamId: TEAM_ID });
