import { auditRateLimits, auditRetryAfter, type RecordedRequest } from '../fakes/bot-connector';

/** The checks the fan-out fault test relies on must be able to fail: fed known traffic, they find what is over. */
const send = (at: number, conversationId: string, tenantId = 't1', extra: Partial<RecordedRequest> = {}): RecordedRequest => ({
  method: 'POST',
  path: `/v3/conversations/${conversationId}/activities`,
  rawPath: '',
  query: {},
  route: 'sendToConversation',
  conversationId,
  tenantId,
  body: { type: 'message', text: `to ${conversationId}` },
  headers: {},
  at,
  outcome: 'served',
  status: 201,
  ...extra,
});

describe('the Bot Connector stand-in’s limit audit', () => {
  it('counts 7 sends per conversation per second as within, 8 as over', () => {
    expect(auditRateLimits(Array.from({ length: 7 }, (_, i) => send(i * 100, 'c1')))).toEqual([]);
    expect(auditRateLimits(Array.from({ length: 8 }, (_, i) => send(i * 100, 'c1')))).toEqual([{ scope: 'conversation', key: 'c1', windowMs: 1_000, limit: 7, count: 8, from: 0 }]);
    // The same eight spread over more than a second are fine.
    expect(auditRateLimits(Array.from({ length: 8 }, (_, i) => send(i * 150, 'c1')))).toEqual([]);
  });

  it('counts 60 per conversation per 30 s, and a tenant’s sends across conversations', () => {
    expect(auditRateLimits(Array.from({ length: 61 }, (_, i) => send(i * 400, 'c1'))).map((v) => [v.windowMs, v.count])).toEqual([[30_000, 61]]);
    const spread = Array.from({ length: 51 }, (_, i) => send(i * 10, `c${i}`));
    expect(auditRateLimits(spread).map((v) => [v.scope, v.count])).toEqual([['tenant', 51]]);
    expect(auditRateLimits(spread, { perConversationPerSecond: 7, perConversationPer30s: 60, perTenantPerSecond: 60 })).toEqual([]);
    expect(auditRateLimits(spread.map((r, i) => ({ ...r, tenantId: `t${i % 2}` })))).toEqual([]);
  });

  it('counts retries and refused requests too, but not reads', () => {
    const refused = Array.from({ length: 8 }, (_, i) => send(i * 10, 'c1', 't1', { status: 429, outcome: 'failed' }));
    expect(auditRateLimits(refused)).toHaveLength(1);
    expect(auditRateLimits(refused.map((r) => ({ ...r, route: 'getConversationMembers' as const })))).toEqual([]);
  });

  it('finds a message sent again before its Retry-After had passed', () => {
    const throttled = send(0, 'c1', 't1', { status: 429, retryAfterMs: 2_000, answeredAt: 5 });
    expect(auditRetryAfter([throttled, send(2_005, 'c1')])).toEqual([]);
    expect(auditRetryAfter([throttled, send(1_500, 'c1')])).toEqual([{ conversationId: 'c1', retryAfterMs: 2_000, cameBackAfterMs: 1_495 }]);
    // Another message to the same conversation is not a retry of this one.
    expect(auditRetryAfter([throttled, send(100, 'c1', 't1', { body: { type: 'message', text: 'other' } })])).toEqual([]);
  });
});
