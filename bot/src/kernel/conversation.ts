/**
 * A place the bot can post to later. The reference itself is the Bot Framework's shape;
 * the domain treats it as opaque JSON and only reads the fields below.
 */
export type ConversationKind = 'channel' | 'personal' | 'groupChat';

export interface StoredConversation {
  tenantId: string;
  conversationId: string;
  kind: ConversationKind;
  /** The team a channel belongs to, or the user a personal chat is with. */
  teamId?: string;
  aadObjectId?: string;
  reference: unknown;
  active: boolean;
  updatedAt: string;
}
