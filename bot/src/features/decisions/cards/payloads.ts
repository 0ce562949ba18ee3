import { z } from 'zod';
import { TEAM_ID } from '../../../platform/cards/payload';
import { requestKeyField } from '../../../platform/cards/request-key';
import { DECISION_KINDS } from '../domain/decision';

/** Generous bounds: the use case gives the precise "too long" message; these only stop absurd payloads. */
const text = (max: number) => z.string().max(max).optional();
const REF = z.string().min(1).max(40);

/** Opening the form, optionally pre-filled (a poll's "record as decision"). */
export const formPayload = z.strictObject({ teamId: TEAM_ID, title: text(20_000), text: text(60_000), pollId: text(1_000), sessionId: text(1_000) });

/** The form's submit: its hidden data plus the inputs Teams merges in. */
export const recordPayload = z.strictObject({
  teamId: TEAM_ID,
  kind: z.enum(DECISION_KINDS).optional(),
  supersedes: z.string().max(40).optional(),
  title: text(20_000),
  text: text(60_000),
  rationale: text(60_000),
  decidedAt: text(40),
  sessionId: text(1_000),
  pollId: text(1_000),
  actionItemIds: text(10_000),
  ...requestKeyField,
});
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
