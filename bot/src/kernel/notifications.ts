import type { GroupRef } from './identity';

/** A person to @mention: Teams needs their Teams user id (29:…) and the name shown. */
export interface Mention {
  userId: string;
  name: string;
}

/** Teams notifies at most this many people per message; more would be silently dropped. */
export const MAX_MENTIONS = 20;

/**
 * Something the bot posts on its own initiative. The card is plain Adaptive Card JSON built
 * by a card module; mentions are rendered as Teams mention entities so people are notified.
 */
export interface OutboundMessage {
  text?: string;
  card?: Record<string, unknown>;
  mentions?: Mention[];
  /** Why it is sent, for the delivery record and logs (e.g. "reminder:due-soon"). */
  purpose: string;
  /**
   * For a post that must go out once (what a scheduled job owes): once a post with this key
   * is recorded as sent, sending it again returns that record instead of posting a copy. A
   * job re-run after a crash between "sent" and "job done" then does not post twice.
   */
  onceKey?: string;
}

export type Delivery =
  | { status: 'sent'; activityId: string }
  /** The bot was removed or the conversation is gone (403/404): nothing more goes there. */
  | { status: 'inactive' }
  /** Gave up after bounded retries, or refused for good; `reason` is a short code. */
  | { status: 'failed'; reason: string };

/**
 * Every proactive send goes through this port. The implementation respects Teams' rate
 * limits, retries 412/429/5xx with backoff and jitter, honours Retry-After, and marks a
 * conversation (and its group) inactive on 403/404.
 */
export interface Notifier {
  /** A new post in the group's channel (the conversation stored when it was installed). */
  postToGroup(group: GroupRef, message: OutboundMessage): Promise<Delivery>;
  /** A new post in a stored conversation (personal chat, meeting chat, channel). */
  postToConversation(tenantId: string, conversationId: string, message: OutboundMessage): Promise<Delivery>;
  /** Replaces a message the bot posted earlier (e.g. a poll card as votes arrive). */
  update(tenantId: string, conversationId: string, activityId: string, message: OutboundMessage): Promise<Delivery>;
}
