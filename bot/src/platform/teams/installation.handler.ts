import type { GroupRef } from '../../kernel/identity';
import { recordMembers, recordPersonalConversation, recordTeamInstall, recordTeamRemoval, type MemberProfile } from '../../kernel/installation';
import { languageOf, translator } from '../i18n/i18n';
import { adaptiveCardAttachment, type TeamsMember } from './activity';
import type { BotDeps } from './bot-deps';
import type { Turn } from './turn';
import { identify } from './turn-identity';

const ROSTER_PAGE = 200;

/**
 * Teams tells us about an install twice (conversationUpdate with the bot in membersAdded,
 * and installationUpdate); both land here and only the first posts the welcome card.
 */
export async function onBotAddedToTeam(deps: BotDeps, turn: Turn): Promise<void> {
  const id = identify(turn.activity);
  if (!id.tenantId || !id.teamId) return;
  const group: GroupRef = { tenantId: id.tenantId, teamId: id.teamId };
  // Install events arrive in the channel the app was added from (General): reminders go there.
  const isNew = await recordTeamInstall(deps.repos, deps.clock, {
    ...group,
    teamName: id.teamName ?? '',
    channelConversationId: id.conversationId,
    channelReference: turn.conversationReference(),
    ...(id.locale ? { language: languageOf(id.locale) } : {}),
  });
  await syncRoster(deps, turn, group);
  deps.logger.info({ tenantId: group.tenantId, teamId: group.teamId, isNew }, 'installed in team');
  const welcome = isNew ? deps.registry.installWelcome(translator(deps.i18n, id.locale), id.teamName ?? '') : undefined;
  if (welcome) await turn.send({ attachments: [adaptiveCardAttachment(welcome)] });
}

/**
 * Teams only delivers a channel message to a bot installed in that team, so a message from
 * a team we have no record of (install event lost, storage restored from an older copy, or
 * a client like the Agents Playground that never sends one) is an install: register it
 * quietly (no welcome card in the middle of a conversation) and carry on.
 */
export async function ensureTeamKnown(deps: BotDeps, turn: Turn): Promise<void> {
  const id = identify(turn.activity);
  if (!id.tenantId || !id.teamId) return;
  const group: GroupRef = { tenantId: id.tenantId, teamId: id.teamId };
  if (await deps.repos.groups.get(group)) return;
  const details = await turn.teamDetails(id.teamId).catch(() => undefined);
  await recordTeamInstall(deps.repos, deps.clock, {
    ...group,
    teamName: details?.name ?? id.teamName ?? '',
    channelConversationId: id.teamId,
    channelReference: { ...turn.conversationReference(), conversation: { id: id.teamId, isGroup: true, conversationType: 'channel', tenantId: id.tenantId } },
  });
  await syncRoster(deps, turn, group).catch((err: unknown) => deps.logger.warn({ err, teamId: id.teamId }, 'roster not available'));
  deps.logger.info({ tenantId: group.tenantId, teamId: group.teamId }, 'team registered from a channel message');
}

export async function onBotRemovedFromTeam(deps: BotDeps, turn: Turn): Promise<void> {
  const id = identify(turn.activity);
  if (!id.tenantId || !id.teamId) return;
  await recordTeamRemoval(deps.repos, deps.clock, { tenantId: id.tenantId, teamId: id.teamId });
  deps.logger.info({ tenantId: id.tenantId, teamId: id.teamId }, 'removed from team; group inactive');
}

export async function onMembersAdded(deps: BotDeps, turn: Turn, members: TeamsMember[]): Promise<void> {
  const id = identify(turn.activity);
  if (!id.tenantId || !id.teamId) return;
  await recordMembers(deps.repos, deps.clock, { tenantId: id.tenantId, teamId: id.teamId }, members.flatMap(toProfile));
}

/** The roster at install time, page by page, so co-chair choices and mentions work at once. */
async function syncRoster(deps: BotDeps, turn: Turn, group: GroupRef): Promise<void> {
  let token: string | undefined;
  do {
    const page = await turn.teamMembers(group.teamId, ROSTER_PAGE, token);
    await recordMembers(deps.repos, deps.clock, group, page.members.flatMap(toProfile));
    token = page.continuationToken || undefined;
  } while (token);
}

export async function onPersonalInstall(deps: BotDeps, turn: Turn, greet: boolean): Promise<void> {
  const id = identify(turn.activity);
  if (!id.caller) return;
  await recordPersonalConversation(deps.repos, deps.clock, {
    tenantId: id.caller.tenantId,
    aadObjectId: id.caller.aadObjectId,
    conversationId: id.conversationId,
    kind: 'personal',
    reference: turn.conversationReference(),
  });
  if (greet) await turn.send(translator(deps.i18n, id.locale)('welcome.personal'));
}

function toProfile(m: TeamsMember): MemberProfile[] {
  if (!m.aadObjectId) return [];
  const p: MemberProfile = { aadObjectId: m.aadObjectId.toLowerCase(), name: m.name ?? m.givenName ?? '' };
  if (m.id) p.userId = m.id;
  return [p];
}
