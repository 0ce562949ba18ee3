/**
 * The decision register's tab API wire contract: every route's request and response JSON.
 * The only source of these types for the bot (decision-routes.ts builds responses that
 * satisfy them) and the tab (which imports them and checks responses against them in
 * development builds). The tab bundles this file: it imports zod and the feature's pure
 * domain value lists only.
 */
import { z } from 'zod';
import { DECISION_KINDS } from '../domain/decision';

export const decisionKind = z.enum(DECISION_KINDS);
export const decisionStatus = z.enum(['in-force', 'superseded', 'revoked']);

// ---- Requests ----

/** Generous bounds: the use case gives the precise "too long" message; these only stop absurd payloads. */
const text = (max: number) => z.string().max(max).optional();

/** GET decisions: words and years to look for (the first 200 characters), and a page (0-based; anything else is 0). */
export const decisionsQuery = z.object({ q: z.string().optional(), page: z.string().optional() });
export type DecisionsQuery = z.infer<typeof decisionsQuery>;

/** POST decisions (co-chairs): the chat form's fields, ids as a list. */
export const recordBody = z.strictObject({
  kind: decisionKind.optional(),
  supersedes: z.string().max(40).optional(),
  title: text(20_000),
  text: text(60_000),
  rationale: text(60_000),
  decidedAt: text(40),
  sessionId: text(1_000),
  pollId: text(1_000),
  actionItemIds: z.array(z.string().max(1_000)).max(1_000).optional(),
});
export type RecordBody = z.infer<typeof recordBody>;

// ---- Responses ----

/** A record as the register holds it (its hashed content and hash), with its status derived from later records. */
export const decision = z.object({
  v: z.literal(1),
  tenantId: z.string(),
  teamId: z.string(),
  seq: z.number(),
  ref: z.string(),
  year: z.number(),
  number: z.number(),
  kind: decisionKind,
  title: z.string(),
  text: z.string(),
  rationale: z.string().optional(),
  sessionId: z.string().optional(),
  pollId: z.string().optional(),
  actionItemIds: z.array(z.string()),
  supersedes: z.string().optional(),
  decidedAt: z.string(),
  recordedAt: z.string(),
  /** Pseudonymous id of the recorder; their name is `recordedByName` while their profile exists. */
  recordedBy: z.string(),
  recordedByName: z.string().optional(),
  prev: z.string(),
  hash: z.string(),
  status: decisionStatus,
  /** The later record that amended or revoked it. */
  by: z.string().optional(),
});

/** GET decisions/:ref: the record, and what people call its session and poll (absent when gone: the id is shown then). */
export const decisionDetail = decision.extend({ sessionTitle: z.string().optional(), pollTitle: z.string().optional() });
export type DecisionDetail = z.infer<typeof decisionDetail>;

/** GET decisions: newest first, a page at a time. */
export const decisionPage = z.object({ items: z.array(decision), page: z.number(), pages: z.number(), total: z.number() });
export type DecisionPage = z.infer<typeof decisionPage>;

/** POST decisions (201): the record, and whether its card reached the channel. */
export const recordedDecision = z.object({ decision, posted: z.boolean() });
export type RecordedDecision = z.infer<typeof recordedDecision>;

/** GET decisions/verify: the chain check, and the server's words for it ("N decisions, chain intact…" or the first bad record and why). */
export const verification = z.object({
  ok: z.boolean(),
  count: z.number(),
  head: z.string().optional(),
  problem: z.string().optional(),
  detail: z.string().optional(),
  position: z.number().optional(),
  ref: z.string().optional(),
  after: z.string().optional(),
  before: z.string().optional(),
  message: z.object({ ok: z.boolean(), result: z.string(), detail: z.string(), head: z.string() }),
});
export type Verification = z.infer<typeof verification>;

/** What each route (`method path`, as the route declares it) answers: a schema, or null for a file download. */
export const decisionsResponses = {
  'get decisions': decisionPage,
  'get decisions/verify': verification,
  'get decisions/checkpoint': null,
  'get decisions/:ref': decisionDetail,
  'post decisions': recordedDecision,
} as const;
