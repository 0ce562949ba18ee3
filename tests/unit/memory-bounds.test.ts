import { RateLimiter, TEAMS_LIMITS, type TimeSource } from '../../bot/src/teams/notifier/rate-limiter';

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
