import { groupLanguage } from '../../kernel/languages';
import { translator } from '../../platform/i18n/i18n';
import type { MeetingsStorage } from './storage/meetings.storage';
import type { Feature, FeatureContext, MeetingEvent } from '../../platform/teams/feature';
import { sessionLinkCommand } from './chat/link-command';
import { agendaCard, summaryCard } from './chat/meeting-cards';
import { sessionOfMeeting } from './chat/meeting-session';
import { meetingsPersonalData } from './person-data';
import { createReportServices } from '../reports';
import type { SessionsRepositories } from '../sessions';
import { tabLinks } from '../../platform/cards/tab-link';

/** The repositories meetings use: their own, the sessions' (links, sessions), and what the summary reads. */
export type MeetingsRepositories = SessionsRepositories & { meetings: MeetingsStorage };

/**
 * Meetings: when a Teams meeting linked to a session starts, its agenda and open polls are
 * posted in the meeting chat; when it ends, the session summary. Each at most once per
 * meeting and session, however often Teams delivers the event.
 */
export function createMeetingsFeature(ctx: FeatureContext<MeetingsRepositories>): Feature {
  const links = ctx.repos.sessions.links;
  const markers = ctx.repos.meetings.markers;
  const svc = createReportServices(ctx);
  const tabLink = tabLinks(ctx.publicBaseUrl);

  const onMeeting = async (e: MeetingEvent) => {
    const log = { tenantId: e.tenantId, meetingId: e.meetingId, kind: e.kind };
    const found = await sessionOfMeeting({ links, sessions: svc.sessions, repos: ctx.repos }, e);
    if (!found) {
      ctx.logger.info(log, 'meeting event: no session is linked to this meeting, nothing posted');
      return;
    }
    const { group, session } = found;
    const now = ctx.clock.now();
    // The meeting chat is where the post goes; the group comes from the link, never from the event.
    await ctx.repos.conversations.put({
      tenantId: e.tenantId,
      conversationId: e.conversationId,
      kind: 'groupChat',
      teamId: group.teamId,
      reference: e.reference,
      active: true,
      updatedAt: now.toISOString(),
    });
    const key = { tenantId: e.tenantId, meetingId: e.meetingId, kind: e.kind, sessionId: session.id };
    const claim = await markers.claim(key, now);
    if (!claim.claimed) {
      ctx.logger.info({ ...log, sessionId: session.id }, 'meeting event: already posted (duplicate delivery)');
      return;
    }
    try {
      // Everyone in the meeting chat reads it: the group's language, not the organiser's client's.
      const language = groupLanguage(group);
      const t = translator(ctx.i18n, language);
      const extras = { tabUrl: tabLink(group.teamId, 'session') };
      const card = e.kind === 'start' ? await agendaCard(svc, t, language, group, session, e.at, extras) : await summaryCard(svc, t, language, group, session, extras);
      const d = await ctx.notifier.postToConversation(e.tenantId, e.conversationId, { card, purpose: `meeting:${e.kind}` });
      if (d.status === 'sent') await markers.sent(key, claim.etag, d.activityId, ctx.clock.now());
      else await markers.release(key, claim.etag);
      ctx.logger.info({ ...log, sessionId: session.id, teamId: group.teamId, how: found.how, status: d.status }, 'meeting event: session post');
    } catch (err) {
      await markers.release(key, claim.etag).catch(() => undefined);
      throw err;
    }
  };

  return {
    name: 'meetings',
    commands: [sessionLinkCommand(ctx, svc, links)],
    meetingEvents: onMeeting,
    personalData: meetingsPersonalData(ctx.repos.sessions.linkers),
  };
}
