import { z } from 'zod';
import type { PollFormInput } from '../domain/poll-input';

/**
 * The tab's create body. Shapes only: every rule (kinds, limits, duplicates, dates) is the
 * domain's, so the tab and the chat form refuse the same things with the same messages.
 * Unknown fields (a user id, say) are refused: identity comes from the token.
 */
export const createPollBody = z.strictObject({
  question: z.string().max(2000),
  kind: z.string().max(32),
  options: z.array(z.string().max(1000)).max(100),
  maxChoices: z.number().nullable().optional(),
  anonymous: z.boolean().optional(),
  visibility: z.string().max(32),
  closesDate: z.string().max(32),
  closesTime: z.string().max(32),
  sessionId: z.string().max(64).nullable().optional(),
});
export type CreatePollBody = z.infer<typeof createPollBody>;

export const pollsQuery = z.strictObject({
  session: z.string().min(1).max(64).optional(),
});

/** The chat form's typed fields (one option per line: a line break inside an option is a space). */
export function toFormInput(b: CreatePollBody): PollFormInput {
  return {
    question: b.question,
    options: b.options.map((o) => o.replace(/[\r\n]+/g, ' ')).join('\n'),
    kind: b.kind,
    ...(b.maxChoices === undefined || b.maxChoices === null ? {} : { maxChoices: String(b.maxChoices) }),
    anonymous: b.anonymous ? 'true' : 'false',
    visibility: b.visibility,
    closesDate: b.closesDate,
    closesTime: b.closesTime,
    ...(b.sessionId ? { sessionId: b.sessionId } : {}),
  };
}
