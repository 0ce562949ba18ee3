import { QuorumError } from '../../../kernel/errors';
import type { GroupRef } from '../../../kernel/identity';
import { formatLocal } from '../../../kernel/local-time';
import { meetingThreadKey, type MeetingLinkStore, nextSession, SESSION_ID, type Session } from '../../sessions';
import { languageOf } from '../../../platform/i18n/i18n';
import type { ChatCommand, FeatureContext, TurnScope } from '../../../platform/teams/feature';
import type { ReportServices } from '../../reports';
import { agendaCard } from './meeting-cards';
import { tabLinks } from '../../../platform/cards/tab-link';
import WORDS from '../locales/commands.json';

const notFound = () => new QuorumError('not-found', 'no such session among the caller groups', { reason: 'meetings.errors.sessionNotFound' });
const MAX_LISTED = 10;

/**
 * `session link <id>` typed in a meeting chat: links this meeting to a session. The group is
 * the one that owns the session, found among the caller's own groups, and the caller must be
 * its co-chair; nothing in the message names a group.
 */
export function sessionLinkCommand(ctx: FeatureContext, svc: ReportServices, links: MeetingLinkStore): ChatCommand {
  const sessions = svc.sessions;
  const run = async (s: TurnScope, args: string) => {
    // botbuilder's teamsGetTeamMeetingInfo reads channelData.meeting.id on messages in a meeting's chat;
    // a private meeting's chat id is also recognisable by its thread (19:meeting_…).
    const meetingId = s.meetingId && s.meetingId.length <= 1024 ? s.meetingId : undefined;
    const chatKey = meetingThreadKey(s.id.conversationId);
    if (!chatKey || s.id.conversationKind === 'personal' || (!meetingId && !chatKey.startsWith('19:meeting_'))) {
      throw new QuorumError('validation', 'session link outside a meeting chat', { reason: 'meetings.errors.notInMeeting' });
    }
    const id = args.trim();
    const groups = await ctx.repos.members.groupsOf(s.caller.tenantId, s.caller.aadObjectId);
    if (!id) return s.sendText(await usage(s, groups));
    if (!SESSION_ID.safeParse(id).success) throw notFound();
    const owners = (await Promise.all(groups.map((g) => sessions.get(g, id)))).flatMap((v) => (v ? [v.value] : []));
    const session = owners[0];
    if (!session) throw notFound();
    const group = (await ctx.repos.groups.get(session))?.value;
    if (!group?.active) throw new QuorumError('group-inactive', 'group is not installed or inactive');
    await ctx.roles.assertCoChair(s.caller, group);

    const now = ctx.clock.now();
    await links.linkChat(group.tenantId, chatKey, {
      tenantId: group.tenantId,
      teamId: group.teamId,
      sessionId: session.id,
      linkedBy: s.caller.aadObjectId,
      linkedAt: now,
      ...(meetingId ? { meetingId } : {}),
    });
    await ctx.repos.conversations.put({
      tenantId: group.tenantId,
      conversationId: s.id.conversationId,
      kind: 'groupChat',
      teamId: group.teamId,
      reference: s.conversationReference(),
      active: true,
      updatedAt: now.toISOString(),
    });
    ctx.logger.info({ tenantId: group.tenantId, teamId: group.teamId, sessionId: session.id, meetingId }, 'meeting linked to a session');
    // The session as the meeting will see it; its title is user text, so it goes in a card, not in a text message.
    const language = languageOf(s.id.locale);
    await s.sendCard(await agendaCard(svc, s.t, language, group, session, now, { heading: s.t('meetings.link.done'), tabUrl: tabLinks(ctx.publicBaseUrl)(group.teamId, 'session') }));
  };

  /** Without an id: how to use it, and the next sessions of the groups the caller co-chairs. */
  const usage = async (s: TurnScope, groups: GroupRef[]) => {
    const language = languageOf(s.id.locale);
    const lines: string[] = [];
    for (const g of groups) {
      if ((await ctx.roles.roleOf(s.caller, g)) !== 'co-chair') continue;
      const upcoming: Session[] = [];
      let rest = await sessions.list(g);
      for (let next = nextSession(rest, ctx.clock.now()); next && upcoming.length < MAX_LISTED; next = nextSession(rest, ctx.clock.now())) {
        upcoming.push(next);
        rest = rest.filter((x) => x.id !== next!.id);
      }
      // Ids and dates only: a text message renders markdown, so no user text goes in it.
      lines.push(...upcoming.map((x) => `${x.id} — ${formatLocal(x.startsAt, x.timeZone, language)}`));
    }
    return [s.t('meetings.link.usage'), ...lines.slice(0, MAX_LISTED)].join('\n\n');
  };

  return {
    id: 'session-link',
    words: WORDS['session-link'],
    usageKey: 'meetings.usage.link',
    descriptionKey: 'meetings.commands.link',
    audience: 'co-chair',
    run,
  };
}
