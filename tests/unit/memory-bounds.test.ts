import type { Response } from 'restify';
import { createCallerBudget } from '../../bot/src/platform/http/tab-api/caller-budget';
import { RateLimiter, TEAMS_LIMITS, type TimeSource } from '../../bot/src/platform/notifier/rate-limiter';

/** A clock that only moves when told to (sleeping moves it). */
function fakeTime(): TimeSource & { advance(ms: number): void } {
  let t = 1_000_000;
  return { now: () => t, sleep: async (ms) => void (t += ms), advance: (ms) => void (t += ms) };
}

describe('in-process maps stay bounded in a long-running service', () => {
  it('the rate limiter forgets conversations with no send in the last 30 s once it tracks many', async () => {
    const time = fakeTime();
    const limiter = new RateLimiter(TEAMS_LIMITS, time);
    const tracked = () => (limiter as unknown as { conversations: Map<string, number[]> }).conversations.size;
    for (let i = 0; i < 5_000; i++) {
      await limiter.acquire('tenant', `conversation-${i}`);
      time.advance(100); // 10 new conversations a second: each one's log is stale after ~33 s
    }
    expect(tracked()).toBeLessThanOrEqual(2_000);
    expect(tracked()).toBeGreaterThan(0);
  });

  it('still holds a busy conversation to its limit after a sweep', async () => {
    const time = fakeTime();
    const limiter = new RateLimiter(TEAMS_LIMITS, time);
    for (let i = 0; i < 2_100; i++) await limiter.acquire('tenant', `old-${i}`);
    time.advance(40_000);
    const start = time.now();
    for (let i = 0; i < 8; i++) await limiter.acquire('tenant', 'busy');
    // 8 sends in one conversation cannot all leave within 1.1 s (7 per second, 10 % margin).
    expect(time.now() - start).toBeGreaterThanOrEqual(1_100);
  });
});

describe("the tab API's per-caller budget", () => {
  const caller = (n: number) => ({ tenantId: 't', aadObjectId: `person-${n}` });
  const list = { list: true } as const;
  function fakeResponse() {
    const sent: { status?: number; headers: Record<string, string> } = { headers: {} };
    const res = { setHeader: (k: string, v: string) => void (sent.headers[k] = v), json: (status: number) => void (sent.status = status) };
    return { res: res as unknown as Response, sent };
  }

  it('keeps at most maxCallers buckets, however many people call', () => {
    const budget = createCallerBudget({ perMinute: 60, burst: 5, maxCallers: 100 }, () => 0);
    for (let n = 0; n < 5_000; n++) expect(budget.admit(list, caller(n), fakeResponse().res)).toBe(true);
    expect(budget.tracked()).toBe(100);
  });

  it('refuses past the burst with Retry-After, and admits again as the bucket refills', () => {
    let t = 0;
    const budget = createCallerBudget({ perMinute: 60, burst: 3 }, () => t);
    for (let i = 0; i < 3; i++) expect(budget.admit(list, caller(1), fakeResponse().res)).toBe(true);
    const refused = fakeResponse();
    expect(budget.admit(list, caller(1), refused.res)).toBe(false);
    expect(refused.sent).toEqual({ status: 429, headers: { 'retry-after': '1' } });
    expect(budget.admit({}, caller(1), fakeResponse().res)).toBe(true); // not a list route
    expect(budget.admit(list, caller(2), fakeResponse().res)).toBe(true); // someone else
    t += 1_000; // one call a second at 60 a minute
    expect(budget.admit(list, caller(1), fakeResponse().res)).toBe(true);
    expect(budget.admit(list, caller(1), fakeResponse().res)).toBe(false);
  });
});
