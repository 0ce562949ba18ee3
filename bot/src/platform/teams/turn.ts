import type { Language } from '../i18n/i18n';
import type { Activity, ConversationReference, TeamsMember } from './activity';

/**
 * One inbound activity and what the handlers may do in reply: Quorum's own narrow view of a
 * turn, so that only its implementation (botbuilder-turn.ts) knows the SDK's TurnContext.
 */
export interface Turn {
  /** As Teams sent it, checked at the HTTP boundary (messages.route.ts). */
  readonly activity: Activity;
  /** Posts into the turn's conversation (a reply where Teams threads replies). */
  send(message: string | Partial<Activity>): Promise<void>;
  /** The message's text with the bot's own @mention taken out (undefined: no text). */
  textWithoutBotMention(): string | undefined;
  /** Teams' record of a user of this conversation (the Bot Connector's roster). */
  member(userId: string): Promise<TeamsMember>;
  /** One page of a team's roster. */
  teamMembers(teamId: string, pageSize: number, continuationToken?: string): Promise<{ members: TeamsMember[]; continuationToken?: string }>;
  teamDetails(teamId: string): Promise<{ name?: string }>;
  /** Where to post in this conversation later, on Quorum's own initiative. */
  conversationReference(): Partial<ConversationReference>;
  /** The language the turn answers in once a command word chose it (read by the turn's error handler). */
  answerLanguage?: Language;
}
