import { withCardLanguage } from '../cards/card-language';
import { QuorumError } from '../../kernel/errors';
import type { Group } from '../../kernel/group';
import type { Role } from '../../kernel/member';
import { resolveGroup } from '../../kernel/resolve-group';
import { translator, type Language } from '../i18n/i18n';
import type { BotDeps } from './bot-deps';
import type { TurnScope } from './feature';
import { adaptiveCardAttachment } from './activity';
import { mentionedUser } from './mentioned-user';
import type { Turn } from './turn';
import { identify } from './turn-identity';

export interface TurnScopeOptions {
  /** What the turn answers is seen by the caller alone (a message action's dialog). */
  privateAnswer?: boolean;
  /** The language of the command word typed, when it is not the client's. */
  language?: Language;
}

/**
 * `cardTeamId` is the team a card says it acts on (cards carry it so they work in personal
 * chat). Inside a team it must be that team; outside, it picks the group, and the caller's
 * membership of it is still checked by every use case.
 *
 * A group chat (a meeting chat with guests, an ad-hoc chat) shows whatever is posted to
 * everyone in it: there the group is only the one the chat belongs to (a meeting chat linked
 * to one of its sessions), never the caller's own group, and a card must name that group.
 */
export function createTurnScope(deps: BotDeps, turn: Turn, cardTeamId?: string, opts: TurnScopeOptions = {}): TurnScope {
  // A language chosen by the command word stands for the client's locale in everything the turn shows (words, dates).
  const id = opts.language ? { ...identify(turn.activity), locale: opts.language } : identify(turn.activity);
  if (!id.caller) throw new QuorumError('not-a-member', 'activity without an identified sender');
  if (cardTeamId && id.teamId && cardTeamId !== id.teamId) throw new QuorumError('forbidden', 'card names another team');
  const caller = id.caller;
  const teamId = id.teamId ?? cardTeamId;
  const groupOf = async (): Promise<Group> => {
    if (id.conversationKind !== 'groupChat' || opts.privateAnswer) return resolveGroup(deps.repos, caller, teamId);
    const linked = await linkedTeamOf(deps, caller.tenantId, id.conversationId);
    if (!linked) throw new QuorumError('group-unknown', 'group chat belongs to no group', { reason: 'group-chat' });
    if (cardTeamId && cardTeamId !== linked) throw new QuorumError('forbidden', 'card names another team than the chat');
    return resolveGroup(deps.repos, caller, linked);
  };
  let group: Promise<Group> | undefined;
  let role: Promise<Role | undefined> | undefined;
  const { activity } = turn;
  const meetingId = (activity.channelData as { meeting?: { id?: unknown } } | undefined)?.meeting?.id;
  const scope: TurnScope = {
    deps,
    id,
    caller,
    t: translator(deps.i18n, id.locale),
    ...(activity.id ? { activityId: activity.id } : {}),
    ...(activity.from?.id ? { viewerUserId: activity.from.id } : {}),
    ...(typeof meetingId === 'string' && meetingId ? { meetingId } : {}),
    group: () => (group ??= groupOf()),
    role: () => (role ??= scope.group().then((g) => deps.roles.roleOf(caller, g))),
    mentionedUser: () => mentionedUser(turn),
    conversationReference: () => turn.conversationReference(),
    async sendCard(card) {
      // A language other than the client's (the command word's) travels with the card's buttons.
      await turn.send({ attachments: [adaptiveCardAttachment(withCardLanguage(card, opts.language))] });
    },
    async sendText(text) {
      await turn.send(text);
    },
  };
  return scope;
}

/**
 * The team a group chat belongs to: stored only when a meeting chat is linked to a session
 * (its meeting started under the session's online link, or a co-chair typed `session link`
 * there), never from anything a message says.
 */
async function linkedTeamOf(deps: BotDeps, tenantId: string, conversationId: string): Promise<string | undefined> {
  if (!conversationId) return undefined;
  const stored = await deps.repos.conversations.get(tenantId, conversationId);
  return stored?.kind === 'groupChat' ? stored.teamId : undefined;
}

/**
 * Starts reading the caller's group and role while the turn does other things (its language,
 * recording the conversation): the scope's own reads of the same rows, later in the turn,
 * share these (one read per turn). Failures are left for those reads to meet and report.
 */
export function prefetchGroupAndRole(deps: BotDeps, turn: Turn, cardTeamId?: string): void {
  const id = identify(turn.activity);
  const caller = id.caller;
  if (!caller || id.conversationKind === 'groupChat' || (cardTeamId && id.teamId && cardTeamId !== id.teamId)) return;
  resolveGroup(deps.repos, caller, id.teamId ?? cardTeamId)
    .then((g) => deps.roles.roleOf(caller, g))
    .catch(() => undefined);
}
