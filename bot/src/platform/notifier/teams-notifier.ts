import type { Activity, CloudAdapter, ConversationReference, Entity, TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { Clock } from '../../kernel/clock';
import type { StoredConversation } from '../../kernel/conversation';
import type { GroupRef } from '../../kernel/identity';
import type { Delivery, Mention, Notifier, OutboundMessage } from '../../kernel/notifications';
import type { Repositories } from '../../kernel/ports';
import { recordTeamRemoval } from '../../features/core/domain/installation.use-case';
import type { Logger } from '../logging/logger';
import { gateEveryAttempt } from './attempt-gate';
import type { DeliveryLog } from '../storage/delivery-log';
import { RateLimiter, realTime, type RateLimits, type TimeSource } from './rate-limiter';
import { backoffMs, classify } from './retry-policy';

export interface NotifierOptions {
  /** The bot's app id ('' in local development, where nothing is authenticated). */
  appId: string;
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

/** Teams notifies at most this many people per message; more would be silently dropped. */
export const MAX_MENTIONS = 20;

/**
 * The one way Quorum posts on its own initiative (DESIGN rule 7). botbuilder's HTTP
 * pipeline already retries 5xx, dropped connections and 429-with-Retry-After a few times
 * (honouring the header); this is the bounded outer tier: every HTTP attempt of either tier
 * waits for a rate-limit slot (see attempt-gate), transient
 * failures back off with jitter, 403/404 retire the conversation, and every outcome is
 * recorded.
 */
export class TeamsNotifier implements Notifier {
  private readonly limiter: RateLimiter;
  private readonly time: TimeSource;

  constructor(
    private readonly adapter: CloudAdapter,
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

  /**
   * Through the connector client, not ctx.sendActivity(): inside continueConversationAsync
   * botbuilder sets replyToId on everything it sends, which in a channel makes a reply to a
   * thread instead of a new post.
   */
  postToConversation(tenantId: string, conversationId: string, message: OutboundMessage): Promise<Delivery> {
    return this.deliver(tenantId, conversationId, message, async (ctx, ref) => {
      const res = await connectorOf(ctx).conversations.sendToConversation(ref.conversation!.id, { ...toActivity(message), from: ref.bot, conversation: ref.conversation } as Activity);
      return res.id ?? '';
    });
  }

  update(tenantId: string, conversationId: string, activityId: string, message: OutboundMessage): Promise<Delivery> {
    return this.deliver(tenantId, conversationId, message, async (ctx, ref) => {
      await connectorOf(ctx).conversations.updateActivity(ref.conversation!.id, activityId, { ...toActivity(message), id: activityId, from: ref.bot, conversation: ref.conversation } as Activity);
      return activityId;
    });
  }

  private async deliver(
    tenantId: string,
    conversationId: string,
    message: OutboundMessage,
    send: (ctx: TurnContext, ref: Partial<ConversationReference>) => Promise<string>,
  ): Promise<Delivery> {
    // A post owed once (a job re-run after a crash) that is already recorded as sent is not posted again.
    const before = message.onceKey ? await this.log.sentBefore(message.onceKey) : undefined;
    if (before) return before;
    const stored = await this.repos.conversations.get(tenantId, conversationId);
    if (!stored?.active) return { status: 'inactive' };
    const reference = asNewPost(stored.reference as Partial<ConversationReference>);
    let attempts = 0;
    let delivery: Delivery = { status: 'failed', reason: 'no-attempt' };
    while (attempts < this.opts.maxAttempts) {
      attempts++;
      try {
        let activityId = '';
        let failed: { error: unknown } | undefined;
        // continueConversationAsync hands errors in the callback to the adapter's turn error
        // handler and returns normally: catch them here to know what happened.
        await this.adapter.continueConversationAsync(this.opts.appId, reference, async (ctx) => {
          try {
            // Every HTTP attempt takes a rate slot, botbuilder's own retries included.
            gateEveryAttempt(connectorOf(ctx), () => this.limiter.acquire(tenantId, conversationId), this.opts.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS);
            activityId = await send(ctx, reference);
          } catch (error) {
            failed = { error };
          }
        });
        if (failed) throw failed.error;
        delivery = { status: 'sent', activityId };
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

function connectorOf(ctx: TurnContext): ConnectorClient {
  const client = ctx.turnState.get<ConnectorClient | undefined>(ctx.adapter.ConnectorClientKey);
  if (!client) throw new Error('no connector client in the proactive turn');
  return client;
}

/**
 * A stored reference remembers the activity it was taken from; sending with it would reply
 * in that thread. A proactive post starts its own thread: no activity id, and a channel
 * thread id (`…;messageid=…`) is cut back to the channel.
 */
function asNewPost(reference: Partial<ConversationReference>): Partial<ConversationReference> {
  const { activityId: _reply, ...rest } = reference;
  const conversation = rest.conversation ? { ...rest.conversation, id: rest.conversation.id.split(';messageid=')[0]! } : rest.conversation;
  return { ...rest, ...(conversation ? { conversation } : {}) };
}

/** A mention's markup must match the entity exactly; names are escaped so they cannot inject markdown. */
function toActivity(message: OutboundMessage): Partial<Activity> {
  const mentions = (message.mentions ?? []).slice(0, MAX_MENTIONS);
  const tags = mentions.map((m) => `<at>${escapeName(m.name)}</at>`);
  const text = [message.text ?? '', tags.join(' ')].filter(Boolean).join(' ');
  const activity: Partial<Activity> = { type: 'message' };
  if (text) activity.text = text;
  if (mentions.length > 0) activity.entities = mentions.map((m, i) => mentionEntity(m, tags[i]!));
  if (message.card) activity.attachments = [{ contentType: 'application/vnd.microsoft.card.adaptive', content: message.card }];
  return activity;
}

function mentionEntity(m: Mention, tag: string): Entity {
  return { type: 'mention', text: tag, mentioned: { id: m.userId, name: m.name } } as Entity;
}

function escapeName(name: string): string {
  return name.replace(/[<>&*_`[\]#~|\\]/g, ' ').replace(/\s+/g, ' ').trim() || '…';
}
