/**
 * Teams' documented limits for a bot: per conversation 7 sends/s and 60 per 30 s; per app
 * per tenant about 50/s. Every send attempt (retries included) takes a slot first, so the
 * bot stays under the limits instead of provoking 429s.
 *
 * Hand-written: the windows are two sliding logs per conversation and one per tenant, a few
 * lines each; the libraries we looked at do one fixed window or need a store of their own.
 */
export interface RateLimits {
  perConversationPerSecond: number;
  perConversationPer30s: number;
  perTenantPerSecond: number;
}

export const TEAMS_LIMITS: RateLimits = { perConversationPerSecond: 7, perConversationPer30s: 60, perTenantPerSecond: 50 };

export interface TimeSource {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTime: TimeSource = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Sends are timed when they leave; Teams counts them when they arrive, and delays between the
 * two (network, a busy event loop) bunch them up. Windows are 25% longer than Teams': the
 * 10% used before was crossed in the fan-out fault test on a busy machine, where a few sends
 * arrived 150-300 ms after they left.
 */
const SECOND = 1_250;
const HALF_MINUTE = 37_500;
/**
 * A tenant's sends leave one at a time on an even grid, never in a burst, so a late arrival
 * moves at most a send or two across Teams' 1 s window: 10% is margin enough there, and the
 * fan-out of many groups (paced by this grid alone) keeps within 1.2x of what Teams allows.
 */
const TENANT_SECOND = 1_100;

export class RateLimiter {
  /** Per conversation, when its recent sends really left. */
  private readonly conversations = new Map<string, number[]>();
  /**
   * Each tenant's sends are spaced on an even grid (one every 1.1 s / cap) instead of
   * bursting up to the cap: bursts bunch up on arrival and cross Teams' 1 s window.
   */
  private readonly nextTenantSend = new Map<string, number>();

  constructor(
    private readonly limits: RateLimits = TEAMS_LIMITS,
    private readonly time: TimeSource = realTime,
  ) {}

  /**
   * Waits until a send to this conversation is within every limit, then counts it. The
   * check and the count happen together at the moment the send leaves (nothing is reserved
   * ahead): a waiter that wakes up late, on a busy event loop, is measured from when it
   * really leaves, so two late wake-ups cannot leave side by side.
   */
  async acquire(tenantId: string, conversationId: string): Promise<void> {
    for (;;) {
      const now = this.time.now();
      const conv = prune(this.conversations, conversationId, now - HALF_MINUTE);
      const wait = Math.max(
        waitFor(conv, now, SECOND, this.limits.perConversationPerSecond),
        waitFor(conv, now, HALF_MINUTE, this.limits.perConversationPer30s),
        (this.nextTenantSend.get(tenantId) ?? now) - now,
      );
      if (wait > 0) {
        await this.time.sleep(wait);
        continue;
      }
      conv.push(now);
      this.nextTenantSend.set(tenantId, now + TENANT_SECOND / this.limits.perTenantPerSecond);
      return;
    }
  }
}

/** Past this many conversations, logs with nothing in the window are dropped (memory stays bounded). */
const SWEEP_AT = 2_000;

function prune(map: Map<string, number[]>, key: string, oldest: number): number[] {
  if (map.size >= SWEEP_AT && !map.has(key)) for (const [k, l] of map) if (l.length === 0 || l[l.length - 1]! <= oldest) map.delete(k);
  let log = map.get(key);
  if (!log) map.set(key, (log = []));
  while (log.length > 0 && log[0]! <= oldest) log.shift();
  return log;
}

/** How long until fewer than `limit` sends remain in the last `windowMs` (0 = now). */
function waitFor(log: number[], now: number, windowMs: number, limit: number): number {
  const inWindow = log.filter((t) => t > now - windowMs);
  if (inWindow.length < limit) return 0;
  return inWindow[inWindow.length - limit]! + windowMs - now + 1;
}
