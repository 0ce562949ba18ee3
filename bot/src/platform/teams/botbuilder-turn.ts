import { TeamsInfo, TurnContext } from 'botbuilder';
import type { Turn } from './turn';

const TURN = Symbol('quorum.turn');

/**
 * The one place a botbuilder TurnContext becomes a Turn. The same context always gives the
 * same Turn, so what a handler notes on it (the answer's language) reaches the error handler.
 */
export function turnOf(ctx: TurnContext): Turn {
  const known = ctx.turnState.get(TURN) as Turn | undefined;
  if (known) return known;
  const turn: Turn = {
    activity: ctx.activity,
    async send(message) {
      await ctx.sendActivity(message);
    },
    textWithoutBotMention: () => TurnContext.removeRecipientMention(ctx.activity),
    member: (userId) => TeamsInfo.getMember(ctx, userId),
    teamMembers: (teamId, pageSize, continuationToken) => TeamsInfo.getPagedTeamMembers(ctx, teamId, pageSize, continuationToken),
    teamDetails: (teamId) => TeamsInfo.getTeamDetails(ctx, teamId),
    conversationReference: () => TurnContext.getConversationReference(ctx.activity),
  };
  ctx.turnState.set(TURN, turn);
  return turn;
}
