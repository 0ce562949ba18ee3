import { z } from 'zod';
import { TEAM_ID } from '../../../platform/cards/payload';

/**
 * What polls' cards send back (card data plus the card's inputs): user input, so exactly these
 * fields and nothing more. The one home of the polls feature's inbound card payloads.
 */
export const POLL_ID = z.string().regex(/^p[0-9a-f]{16}$/);
const text = (max: number) => z.string().max(max);

/** The session picker's "none" choice: Microsoft's renderer refuses a choice whose value is empty. */
export const NO_SESSION = 'none';

/** The form as Teams sends it back: card data plus every input, and nothing else. */
export const pollCreatePayload = z.strictObject({
  teamId: TEAM_ID,
  pollId: POLL_ID,
  question: text(2000).default(''),
  options: text(20_000).default(''),
  kind: text(32).default('single'),
  // Teams sends an Input.Number as a number, or nothing / '' when left empty.
  maxChoices: z
    .union([z.string().max(8), z.number().finite()])
    .transform(String)
    .optional(),
  anonymous: text(8).optional(),
  visibility: text(32).default('live'),
  closesDate: text(32).default(''),
  closesTime: text(32).default(''),
  sessionId: text(64)
    .transform((v) => (v === NO_SESSION ? '' : v))
    .optional(),
});

const ANSWER = z.string().max(16);
const answerFields = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`o${i}`, ANSWER.optional()]));

/** A vote: card data (team, poll) plus the card's inputs. Anything else is refused. */
export const pollVotePayload = z.strictObject({ teamId: TEAM_ID, pollId: POLL_ID, choice: z.string().max(400).optional(), ...answerFields });
export const pollRefPayload = z.strictObject({ teamId: TEAM_ID, pollId: POLL_ID, change: z.boolean().optional() });

/** The availability answers out of a vote payload. */
export function answersOf(data: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(data).filter(([k, v]) => /^o\d+$/.test(k) && typeof v === 'string')) as Record<string, string>;
}
