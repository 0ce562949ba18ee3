/**
 * The shape of what Teams sends and receives. An activity is Teams' wire protocol (the Bot
 * Framework Activity JSON), not an object of one SDK: the Teams SDK and the Microsoft 365
 * Agents SDK read and write the same JSON. So the handlers work on this shape, and these
 * declarations are botbuilder's, re-exported from this one module: a move to another SDK
 * changes this import, not the handlers.
 */
export type { Activity, ConversationReference, Entity, InvokeResponse, MessagingExtensionAction, MessagingExtensionActionResponse, TeamsChannelAccount as TeamsMember } from 'botbuilder';

import type { Attachment } from 'botbuilder';

/** An Adaptive Card as a message attachment (what botbuilder's CardFactory.adaptiveCard builds). */
export function adaptiveCardAttachment(card: object): Attachment {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}
