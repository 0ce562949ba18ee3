import { ACTIVITY_WRITES } from './routes';
import type { RecordedRequest } from './types';

/** The limits Quorum's notifier is designed to keep (bot/src/platform/notifier/rate-limiter.ts, DESIGN rule 7). */
export interface AuditedLimits {
  perConversationPerSecond: number;
  perConversationPer30s: number;
  perTenantPerSecond: number;
}

export const TEAMS_PROACTIVE_LIMITS: AuditedLimits = { perConversationPerSecond: 7, perConversationPer30s: 60, perTenantPerSecond: 50 };

export interface LimitViolation {
  scope: 'conversation' | 'tenant';
  key: string;
  windowMs: number;
  limit: number;
  /** Requests that arrived within `windowMs` starting at `from`. */
  count: number;
  from: number;
}

export interface RetryAfterViolation {
  conversationId: string;
  retryAfterMs: number;
  /** How long after the 429 the same message came back. */
  cameBackAfterMs: number;
}

/**
 * Counts what arrived, as Teams would: every write request (retries and refused ones
 * included), by arrival time, in sliding windows per conversation and per tenant. It counts
 * requests; it does not time the test.
 */
export function auditRateLimits(requests: readonly RecordedRequest[], limits: AuditedLimits = TEAMS_PROACTIVE_LIMITS): LimitViolation[] {
  const writes = requests.filter((r) => ACTIVITY_WRITES.has(r.route));
  const byConversation = groupTimes(writes, (r) => r.conversationId ?? '');
  const byTenant = groupTimes(writes, (r) => r.tenantId ?? '(no tenant)');
  return [
    ...[...byConversation].flatMap(([key, times]) => [
      ...worst('conversation', key, times, 1_000, limits.perConversationPerSecond),
      ...worst('conversation', key, times, 30_000, limits.perConversationPer30s),
    ]),
    ...[...byTenant].flatMap(([key, times]) => worst('tenant', key, times, 1_000, limits.perTenantPerSecond)),
  ];
}

/** Per window, the busiest stretch if it is over the limit (one violation per key and window). */
function worst(scope: LimitViolation['scope'], key: string, times: number[], windowMs: number, limit: number): LimitViolation[] {
  let best = { count: 0, from: 0 };
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= windowMs) start++;
    if (end - start + 1 > best.count) best = { count: end - start + 1, from: times[start]! };
  }
  return best.count > limit ? [{ scope, key, windowMs, limit, count: best.count, from: best.from }] : [];
}

function groupTimes(requests: RecordedRequest[], keyOf: (r: RecordedRequest) => string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of requests) out.set(keyOf(r), [...(out.get(keyOf(r)) ?? []), r.at]);
  for (const times of out.values()) times.sort((a, b) => a - b);
  return out;
}

/**
 * After a 429 with `Retry-After`, the same message (same conversation, same body) must not
 * come back before that time has passed since the answer left.
 */
export function auditRetryAfter(requests: readonly RecordedRequest[]): RetryAfterViolation[] {
  const out: RetryAfterViolation[] = [];
  const writes = requests.filter((r) => ACTIVITY_WRITES.has(r.route));
  for (const [i, r] of writes.entries()) {
    if (r.status !== 429 || r.retryAfterMs === undefined || r.answeredAt === undefined) continue;
    const body = JSON.stringify(r.body);
    const next = writes.slice(i + 1).find((n) => n.conversationId === r.conversationId && JSON.stringify(n.body) === body);
    if (next && next.at - r.answeredAt < r.retryAfterMs) out.push({ conversationId: r.conversationId ?? '', retryAfterMs: r.retryAfterMs, cameBackAfterMs: next.at - r.answeredAt });
  }
  return out;
}
