import type { OutboundMessage } from '../../kernel/notifications';

/** What each HTTP request of one attempt must respect, the SDK's own retries included. */
export interface AttemptLimits {
  /** Waited on before every request: the rate-limit slot. */
  gate(): Promise<void>;
  /** How long a request may wait for Teams' answer once it has left. */
  timeoutMs: number;
}

/**
 * How one attempt reaches Teams (implemented over the Bot Connector in
 * platform/teams/connector-transport.ts). The notifier owns everything around it: which
 * conversation, limits, retries, the delivery record. Errors are thrown as the connector
 * reports them (retry-policy.ts reads their status).
 */
export interface ConversationTransport {
  /** A new post (never a reply in the thread the reference was taken from); returns its activity id. */
  post(reference: unknown, message: OutboundMessage, limits: AttemptLimits): Promise<string>;
  /** Replaces the bot's earlier post `activityId`. */
  update(reference: unknown, activityId: string, message: OutboundMessage, limits: AttemptLimits): Promise<void>;
}
