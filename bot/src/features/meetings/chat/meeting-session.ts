import type { Group } from '../../../kernel/group';
import type { Repositories } from '../../../kernel/ports';
import { meetingThreadKey, sessionAt, type MeetingLinkStore } from '../../sessions';
import type { Session, SessionRepository } from '../../sessions';
import type { MeetingEvent } from '../../../platform/teams/feature';

export interface MeetingSessionDeps {
  links: MeetingLinkStore;
  sessions: SessionRepository;
  repos: Repositories;
}

export interface MeetingSession {
  group: Group;
  session: Session;
  how: 'explicit' | 'join-url';
}

/**
 * The session a meeting is for, and its group — from the link index only, never from what a
 * user typed: the explicit link made in this chat first, else the sessions whose online link
 * names this meeting, the one planned around the event's time.
 */
export async function sessionOfMeeting(deps: MeetingSessionDeps, e: MeetingEvent): Promise<MeetingSession | undefined> {
  const chatKey = meetingThreadKey(e.conversationId);
  const explicit = chatKey ? await deps.links.linkedChat(e.tenantId, chatKey) : undefined;
  if (explicit && explicit.tenantId === e.tenantId) {
    const s = await deps.sessions.get(explicit, explicit.sessionId);
    if (s) return withGroup(deps, s.value, 'explicit');
  }
  const urlKey = meetingThreadKey(e.joinUrl) ?? chatKey;
  if (!urlKey) return undefined;
  const live: Session[] = [];
  for (const row of await deps.links.indexed(e.tenantId, urlKey)) {
    const s = await deps.sessions.get(row, row.sessionId);
    // The session's link changed (or it is gone) since it was indexed here: the row is stale.
    if (s && s.value.tenantId === e.tenantId && meetingThreadKey(s.value.onlineUrl) === urlKey) live.push(s.value);
    else await deps.links.unindex(e.tenantId, urlKey, row);
  }
  const session = sessionAt(live, e.at);
  return session ? withGroup(deps, session, 'join-url') : undefined;
}

async function withGroup(deps: MeetingSessionDeps, session: Session, how: MeetingSession['how']): Promise<MeetingSession | undefined> {
  const group = await deps.repos.groups.get(session);
  return group?.value.active ? { group: group.value, session, how } : undefined;
}
