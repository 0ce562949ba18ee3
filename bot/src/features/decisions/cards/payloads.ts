import { z } from 'zod';
import { TEAM_ID } from '../../../platform/cards/payload';
import { REQUEST_KEY_FIELD, requestKeyField } from '../../../platform/cards/request-key';
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

/**
 * Record (and Edit) on the confirmation card: the record to write, as the card shows it, and
 * the key the form minted (always present: the confirmation mints one when the form had none).
 * The record comes back from the card rather than from a copy kept on the server: it is the
 * co-chair's own text either way, a changed title is no more than what they could have typed
 * in the form, and everything is checked again before it is written (co-chair, fields, links,
 * target still in force). A field the card never carries is refused.
 */
export const confirmPayload = z.strictObject({
  teamId: TEAM_ID,
  kind: recordBody.shape.kind,
  supersedes: recordBody.shape.supersedes,
  title: text(20_000),
  text: text(60_000),
  rationale: text(60_000),
  decidedAt: text(40),
  sessionId: text(1_000),
  pollId: text(1_000),
  actionItemIds: text(10_000),
  [REQUEST_KEY_FIELD]: requestKeyField[REQUEST_KEY_FIELD].unwrap(),
});
export type ConfirmPayload = z.infer<typeof confirmPayload>;

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
