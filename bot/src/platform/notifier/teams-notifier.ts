import type { Clock } from '../../kernel/clock';
import type { StoredConversation } from '../../kernel/conversation';
import type { GroupRef } from '../../kernel/identity';
import type { Delivery, Notifier, OutboundMessage } from '../../kernel/notifications';
import type { Repositories } from '../../kernel/ports';
import { recordTeamRemoval } from '../../kernel/installation';
import type { Logger } from '../logging/logger';
import type { DeliveryLog } from '../storage/delivery-log';
import { RateLimiter, realTime, type RateLimits, type TimeSource } from './rate-limiter';
import { backoffMs, classify } from './retry-policy';
import type { AttemptLimits, ConversationTransport } from './transport';

export interface NotifierOptions {
  limits: RateLimits;
  /** Attempts per message before it is recorded as failed. */
  maxAttempts: number;
  backoff: { baseMs: number; maxMs: number };
  /**
   * How long one HTTP attempt may wait for Teams' answer once it has left (rate-slot waits
   * not included). A post that never answers would otherwise hold its scheduler pass until
   * the job's lease ran out and another instance posted it again.
   */
  attemptTimeoutMs?: number;
  time?: TimeSource;
}

const DEFAULT_ATTEMPT_TIMEOUT_MS = 30_000;

/**
 * The one way Quorum posts on its own initiative (DESIGN rule 7). The transport (botbuilder's
 * HTTP pipeline) already retries 5xx, dropped connections and 429-with-Retry-After a few times
 * (honouring the header); this is the bounded outer tier: every HTTP attempt of either tier
 * waits for a rate-limit slot (see platform/teams/attempt-gate.ts), transient
 * failures back off with jitter, 403/404 retire the conversation, and every outcome is
 * recorded.
 */
export class TeamsNotifier implements Notifier {
  private readonly limiter: RateLimiter;
  private readonly time: TimeSource;

  constructor(
    private readonly transport: ConversationTransport,
    private readonly repos: Repositories,
    private readonly log: DeliveryLog,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly opts: NotifierOptions,
  ) {
    this.time = opts.time ?? realTime;
    this.limiter = new RateLimiter(opts.limits, this.time);
  }

  async postToGroup(group: GroupRef, message: OutboundMessage): Promise<Delivery> {
    const g = await this.repos.groups.get(group);
    if (!g?.value.active || !g.value.channelConversationId) return { status: 'inactive' };
    return this.postToConversation(group.tenantId, g.value.channelConversationId, message);
  }

  postToConversation(tenantId: string, conversationId: string, message: OutboundMessage): Promise<Delivery> {
    return this.deliver(tenantId, conversationId, message, (reference, limits) => this.transport.post(reference, message, limits));
  }

  update(tenantId: string, conversationId: string, activityId: string, message: OutboundMessage): Promise<Delivery> {
    return this.deliver(tenantId, conversationId, message, async (reference, limits) => {
      await this.transport.update(reference, activityId, message, limits);
      return activityId;
    });
  }

  private async deliver(tenantId: string, conversationId: string, message: OutboundMessage, send: (reference: unknown, limits: AttemptLimits) => Promise<string>): Promise<Delivery> {
    // A post owed once (a job re-run after a crash) that is already recorded as sent is not posted again.
    const before = message.onceKey ? await this.log.sentBefore(message.onceKey) : undefined;
    if (before) return before;
    const stored = await this.repos.conversations.get(tenantId, conversationId);
    if (!stored?.active) return { status: 'inactive' };
    // Every HTTP attempt takes a rate slot, the transport's own retries included.
    const limits: AttemptLimits = { gate: () => this.limiter.acquire(tenantId, conversationId), timeoutMs: this.opts.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS };
    let attempts = 0;
    let delivery: Delivery = { status: 'failed', reason: 'no-attempt' };
    while (attempts < this.opts.maxAttempts) {
      attempts++;
      try {
        delivery = { status: 'sent', activityId: await send(stored.reference, limits) };
        break;
      } catch (err) {
        const failure = classify(err);
        if (failure.kind === 'gone') {
          await this.retire(stored);
          delivery = { status: 'inactive' };
          break;
        }
        if (failure.kind === 'fatal') {
          delivery = { status: 'failed', reason: failure.code };
          break;
        }
        delivery = { status: 'failed', reason: `retries-exhausted-${failure.status ?? 'network'}` };
        if (attempts < this.opts.maxAttempts) await this.time.sleep(failure.retryAfterMs ?? backoffMs(attempts, this.opts.backoff));
      }
    }
    await this.log.record({ tenantId, conversationId, purpose: message.purpose, attempts, delivery, at: this.clock.now() }, message.onceKey);
    this.logger[delivery.status === 'sent' ? 'debug' : 'warn']({ tenantId, conversationId, purpose: message.purpose, attempts, status: delivery.status }, 'proactive send');
    return delivery;
  }

  /** The bot is gone from there: stop posting to the conversation, and to its group if it was the group's channel. */
  private async retire(c: StoredConversation): Promise<void> {
    await this.repos.conversations.setActive(c.tenantId, c.conversationId, false);
    if (c.kind === 'channel' && c.teamId) await recordTeamRemoval(this.repos, this.clock, { tenantId: c.tenantId, teamId: c.teamId });
  }
}
