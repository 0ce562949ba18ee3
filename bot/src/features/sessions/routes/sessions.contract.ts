/**
 * The sessions tab API's wire contract: every route's request and response JSON. The only
 * source of these types for the bot (the routes build responses that satisfy them) and the
 * tab (which imports them and checks responses against them in development builds).
 * The tab bundles this file: it imports zod and the feature's pure domain value lists only.
 */
import { z } from 'zod';
import { SESSION_STATUSES } from '../domain/session';

export const sessionStatus = z.enum(SESSION_STATUSES);

// ---- Requests ----

/** PUT sessions/:id/live (co-chairs, with If-Match): what the co-chair wants; who asks comes from the token, never from here. */
export const liveBody = z.strictObject({
  currentItem: z.number().int().min(0).max(1_000),
  running: z.boolean(),
  reset: z.boolean().optional(),
});
export type LiveBody = z.infer<typeof liveBody>;

// ---- Responses ----

export const agendaItem = z.object({
  title: z.string(),
  presenter: z.string().optional(),
  minutes: z.number().optional(),
  actionItemIds: z.array(z.string()),
  pollIds: z.array(z.string()),
});
export type AgendaItem = z.infer<typeof agendaItem>;

/** GET sessions (each, by start) and sessions/:id: plain JSON, dates as ISO strings. */
export const session = z.object({
  id: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string(),
  place: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  description: z.string().nullable(),
  agenda: z.array(agendaItem),
  status: sessionStatus,
});
export type Session = z.infer<typeof session>;
export const sessionList = z.array(session);

/** GET sessions/next: the session in progress or the next planned one, with the open items to review; null when none is planned. */
export const nextSession = session.extend({ review: z.array(z.object({ id: z.string(), ref: z.string(), title: z.string() })) }).nullable();
export type NextSession = z.infer<typeof nextSession>;
export type PlannedSession = NonNullable<NextSession>;

/** GET and PUT sessions/:id/live: the shared agenda timer, with the server's clock so every screen counts alike. */
export const liveResponse = z.object({
  live: z.object({ current: z.number(), running: z.boolean(), runningSince: z.string().nullable(), elapsedMs: z.array(z.number()), updatedAt: z.string() }),
  etag: z.string(),
  now: z.string(),
});
export type LiveResponse = z.infer<typeof liveResponse>;

/** GET sessions/:id/outcomes: decisions recorded for the session and action items created during it. */
export const outcomes = z.object({
  decisions: z.array(z.object({ ref: z.string(), kind: z.string(), title: z.string(), decidedAt: z.string(), status: z.string() })),
  items: z.array(z.object({ ref: z.string(), title: z.string(), status: z.string(), priority: z.string(), organisation: z.string().nullable() })),
});
export type Outcomes = z.infer<typeof outcomes>;

/** What each route (`method path`, as the route declares it) answers: a schema, or null for a file download. */
export const sessionsResponses = {
  'get sessions': sessionList,
  'get sessions/next': nextSession,
  'get sessions/:id': session,
  'get sessions/:id/ics': null,
  'get sessions/:id/live': liveResponse,
  'put sessions/:id/live': liveResponse,
  'get sessions/:id/outcomes': outcomes,
} as const;
