import { CardFactory, type TurnContext } from 'botbuilder';
import { QuorumError } from '../domain/errors';
import type { Group } from '../domain/group';
import type { Role } from '../domain/member';
import { resolveGroup } from '../domain/use-cases/resolve-group.use-case';
import { translator, type Language } from '../i18n/i18n';
import type { BotDeps } from './bot-deps';
import type { TurnScope } from './feature';
import { identify } from './turn-identity';

/**
 * `cardTeamId` is the team a card says it acts on (cards carry it so they work in personal
 * chat). Inside a team it must be that team; outside, it picks the group, and the caller's
 * membership of it is still checked by every use case.
 */
export function createTurnScope(deps: BotDeps, ctx: TurnContext, cardTeamId?: string, language?: Language): TurnScope {
  // A language chosen by the command word stands for the client's locale in everything the turn shows (words, dates).
  const id = language ? { ...identify(ctx.activity), locale: language } : identify(ctx.activity);
  if (!id.caller) throw new QuorumError('not-a-member', 'activity without an identified sender');
  if (cardTeamId && id.teamId && cardTeamId !== id.teamId) throw new QuorumError('forbidden', 'card names another team');
  const caller = id.caller;
  const teamId = id.teamId ?? cardTeamId;
  let group: Promise<Group> | undefined;
  let role: Promise<Role | undefined> | undefined;
  const scope: TurnScope = {
    deps,
    ctx,
    id,
    caller,
    t: translator(deps.i18n, id.locale),
    group: () => (group ??= resolveGroup(deps.repos, caller, teamId)),
    role: () => (role ??= scope.group().then((g) => deps.roles.roleOf(caller, g))),
    async sendCard(card) {
      await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    },
    async sendText(text) {
      await ctx.sendActivity(text);
    },
  };
  return scope;
}
