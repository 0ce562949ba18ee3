import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { OutboundMessage } from '../../kernel/notifications';
import type { AttemptLimits, ConversationTransport } from '../notifier/transport';
import { gateEveryAttempt } from './attempt-gate';
import { outboundActivity } from './outbound-activity';

type Reference = Partial<ConversationReference>;

/**
 * Proactive posts over the Bot Connector. Through the connector client, not ctx.sendActivity():
 * inside continueConversationAsync botbuilder sets replyToId on everything it sends, which in
 * a channel makes a reply to a thread instead of a new post.
 */
export class ConnectorTransport implements ConversationTransport {
  /** `appId` is the bot's ('' in local development, where nothing is authenticated). */
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  post(reference: unknown, message: OutboundMessage, limits: AttemptLimits): Promise<string> {
    return this.attempt(reference, limits, async (connector, ref) => {
      const res = await connector.conversations.sendToConversation(ref.conversation!.id, { ...outboundActivity(message), from: ref.bot, conversation: ref.conversation } as Activity);
      return res.id ?? '';
    });
  }

  async update(reference: unknown, activityId: string, message: OutboundMessage, limits: AttemptLimits): Promise<void> {
    await this.attempt(reference, limits, async (connector, ref) => {
      await connector.conversations.updateActivity(ref.conversation!.id, activityId, { ...outboundActivity(message), id: activityId, from: ref.bot, conversation: ref.conversation } as Activity);
      return activityId;
    });
  }

  private async attempt(stored: unknown, limits: AttemptLimits, send: (connector: ConnectorClient, ref: Reference) => Promise<string>): Promise<string> {
    const reference = asNewPost(stored as Reference);
    let activityId = '';
    let failed: { error: unknown } | undefined;
    // continueConversationAsync hands errors in the callback to the adapter's turn error
    // handler and returns normally: catch them here to know what happened.
    await this.adapter.continueConversationAsync(this.appId, reference, async (ctx) => {
      try {
        const connector = connectorOf(ctx);
        // Every HTTP attempt takes a rate slot, botbuilder's own retries included.
        gateEveryAttempt(connector, limits.gate, limits.timeoutMs);
        activityId = await send(connector, reference);
      } catch (error) {
        failed = { error };
      }
    });
    if (failed) throw failed.error;
    return activityId;
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
function asNewPost(reference: Reference): Reference {
  const { activityId: _reply, ...rest } = reference;
  const conversation = rest.conversation ? { ...rest.conversation, id: rest.conversation.id.split(';messageid=')[0]! } : rest.conversation;
  return { ...rest, ...(conversation ? { conversation } : {}) };
}
