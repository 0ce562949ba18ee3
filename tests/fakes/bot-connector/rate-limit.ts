import type { TeamsRateLimits } from './types';

const SECOND = 1_000;
const THIRTY_SECONDS = 30_000;

/**
 * Sliding windows over accepted sends, in the spirit of Teams' per-bot-per-thread and
 * global limits. Refused sends are not counted: a bot that keeps hammering is refused
 * only as long as its accepted traffic stays over the limit, which is the behaviour a
 * back-off has to cope with.
 */
export class SlidingWindowRateLimiter {
  private readonly perConversationPerSecond: number;
  private readonly perConversationPer30s: number;
  private readonly globalPerSecond: number;
  private readonly byConversation = new Map<string, number[]>();
  private global: number[] = [];

  constructor(
    limits: TeamsRateLimits,
    private readonly now: () => number,
  ) {
    this.perConversationPerSecond = limits.perConversationPerSecond ?? 7;
    this.perConversationPer30s = limits.perConversationPer30s ?? 60;
    this.globalPerSecond = limits.globalPerSecond ?? 50;
  }

  /** Records the send and returns true, or returns false if it would exceed a window. */
  tryAcquire(conversationId: string): boolean {
    const t = this.now();
    this.global = this.global.filter((s) => s > t - SECOND);
    const sends = (this.byConversation.get(conversationId) ?? []).filter((s) => s > t - THIRTY_SECONDS);
    this.byConversation.set(conversationId, sends);

    const lastSecond = sends.filter((s) => s > t - SECOND).length;
    if (lastSecond >= this.perConversationPerSecond || sends.length >= this.perConversationPer30s || this.global.length >= this.globalPerSecond) {
      return false;
    }
    sends.push(t);
    this.global.push(t);
    return true;
  }
}
