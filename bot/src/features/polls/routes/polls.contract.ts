/**
 * The polls tab API's wire contract: every route's request and response JSON. The only
 * source of these types for the bot (poll-routes.ts builds responses that satisfy them) and
 * the tab (which imports them and checks responses against them in development builds).
 * The tab bundles this file: it imports zod and the feature's pure domain value lists only.
 */
import { z } from 'zod';
import { POLL_KINDS, VISIBILITIES } from '../domain/poll';

export const pollKind = z.enum(POLL_KINDS);
export const pollVisibility = z.enum(VISIBILITIES);
export type PollKind = z.infer<typeof pollKind>;
export type Visibility = z.infer<typeof pollVisibility>;

// ---- Requests ----

/**
 * POST polls. Shapes only: every rule (kinds, limits, duplicates, dates) is the domain's,
 * so the tab and the chat form refuse the same things with the same messages. Unknown
 * fields (a user id, say) are refused: identity comes from the token.
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

/** GET polls (besides the paging parameters). */
export const pollsQuery = z.strictObject({
  session: z.string().min(1).max(64).optional(),
});

// ---- Responses ----

export const optionResult = z.object({
  id: z.string(),
  text: z.string(),
  /** Voters who chose it; availability: "yes" answers. */
  count: z.number(),
  maybe: z.number(),
  no: z.number(),
  percent: z.number(),
  leading: z.boolean(),
});

/** GET polls/:id, and each poll of the other routes. */
export const pollSummary = z.object({
  id: z.string(),
  question: z.string(),
  options: z.array(z.object({ id: z.string(), text: z.string() })),
  kind: pollKind,
  maxChoices: z.number(),
  anonymous: z.boolean(),
  visibility: pollVisibility,
  closesAt: z.string(),
  timeZone: z.string(),
  sessionId: z.string().nullable(),
  open: z.boolean(),
  voters: z.number(),
  /** Members when the poll was created (the "n of m voted" of the channel card). */
  electorate: z.number(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  /** Counts only, never who chose what. Null when the visibility rule hides them from this viewer. */
  results: z.object({ voters: z.number(), options: z.array(optionResult), tie: z.boolean() }).nullable(),
});
export type PollSummary = z.infer<typeof pollSummary>;

/** GET polls: a page of polls, newest first. */
export const pollPage = z.object({ polls: z.array(pollSummary), nextPageToken: z.string().nullable() });
export type PollPage = z.infer<typeof pollPage>;

/** POST polls (201): the poll, and whether its card reached the channel. */
export const createdPoll = z.object({ poll: pollSummary, posted: z.boolean() });
export type CreatedPoll = z.infer<typeof createdPoll>;

/** POST polls/:id/close. */
export const closedPoll = z.object({ poll: pollSummary, closedNow: z.boolean() });
export type ClosedPoll = z.infer<typeof closedPoll>;

/** What each route (`method path`, as the route declares it) answers: a schema, or null for a file download. */
export const pollsResponses = {
  'get polls': pollPage,
  'post polls': createdPoll,
  'post polls/:id/close': closedPoll,
  'get polls/:id': pollSummary,
  'get polls/:id/csv': null,
} as const;
