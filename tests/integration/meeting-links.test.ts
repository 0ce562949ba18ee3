import type { MeetingLinkStore } from '../../bot/src/features/sessions/domain/meeting-link';
import { MEETING_JOIN_URL, MEETING_THREAD, teamsEscape } from '../fixtures/meetings';
import { testTables, testRepositories } from '../support/storage';
import type { Repositories } from '../../bot/src/kernel/ports';
import type { Session } from '../../bot/src/features/sessions/domain/session';
import { createLogger } from '../../bot/src/platform/logging/logger';
import { MeetingIndexedSessionRepository } from '../../bot/src/features/sessions/storage/meeting-index.session-repository';
import { MEETING_LINKS_TABLE } from '../../bot/src/features/sessions/storage/meeting-link.store';
import { MEETING_POSTS_TABLE, MeetingPostMarkers } from '../../bot/src/features/meetings/storage/meeting-post.markers';
import { sessionOfMeeting } from '../../bot/src/features/meetings/chat/meeting-session';
import type { MeetingEvent } from '../../bot/src/platform/teams/feature';

jest.setTimeout(60_000);

const TENANT = '5f2b2c7e-7b1e-4c1a-9d7e-0a1b2c3d4e5f';
const TEAM = '19:Zc1qXfQwR8mJ0yE3vT6uN2kL5hP9sA4b@thread.tacv2';
const OTHER_THREAD = '19:meeting_b3RoZXItbWVldGluZy0wMDAwLTAwMDAwMDAwMDAwMQ@thread.v2';
const joinUrl = (thread: string) => `https://teams.microsoft.com/l/meetup-join/${teamsEscape(thread)}/0?context=%7b%7d`;

describe('meeting link index and post markers (Azurite)', () => {
  let repos: Repositories;
  let links: MeetingLinkStore;
  let sessions: MeetingIndexedSessionRepository;
  let markers: MeetingPostMarkers;

  const session = (id: string, onlineUrl: string | undefined): Session => ({
    tenantId: TENANT,
    teamId: TEAM,
    id,
    title: id,
    startsAt: new Date('2027-03-10T08:00:00Z'),
    endsAt: new Date('2027-03-10T12:00:00Z'),
    timeZone: 'Europe/Zurich',
    agenda: [],
    status: 'planned',
    createdBy: 'x',
    updatedAt: new Date('2027-03-01T00:00:00Z'),
    ...(onlineUrl ? { onlineUrl } : {}),
  });
  const event = (thread: string, tenantId = TENANT): MeetingEvent => ({
    kind: 'start',
    tenantId,
    meetingId: `m-${thread}`,
    conversationId: thread,
    joinUrl: joinUrl(thread),
    at: new Date('2027-03-10T08:03:00Z'),
    reference: {},
  });
  const deps = () => ({ links, sessions, repos });

  beforeAll(async () => {
    const t = await testTables();
    await t.tables.ensureTables([MEETING_LINKS_TABLE, MEETING_POSTS_TABLE, 'sessions']);
    repos = t.repos;
    links = testRepositories(t.tables).sessions.links;
    sessions = new MeetingIndexedSessionRepository(testRepositories(t.tables).sessions.sessions, links, createLogger({ level: 'silent', pretty: false }));
    markers = new MeetingPostMarkers(t.tables.table(MEETING_POSTS_TABLE));
    await repos.groups.create({ tenantId: TENANT, teamId: TEAM, name: 'IWG', active: true, timeZone: 'Europe/Zurich', installedAt: '2027-01-01T00:00:00Z' });
  });

  it('a saved session is found by its meeting; after its link changes, the old meeting no longer finds it', async () => {
    const created = await sessions.create(session('s00000000000000c1', MEETING_JOIN_URL));
    expect((await sessionOfMeeting(deps(), event(MEETING_THREAD)))?.session.id).toBe('s00000000000000c1');

    await sessions.update({ ...created.value, onlineUrl: joinUrl(OTHER_THREAD) }, created.etag);
    expect(await sessionOfMeeting(deps(), event(MEETING_THREAD))).toBeUndefined();
    // The stale row was dropped on the way.
    expect(await links.indexed(TENANT, MEETING_THREAD)).toEqual([]);
    expect((await sessionOfMeeting(deps(), event(OTHER_THREAD)))?.session.id).toBe('s00000000000000c1');
  });

  it('another tenant never finds a session, even with the same join link', async () => {
    expect(await sessionOfMeeting(deps(), event(OTHER_THREAD, '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'))).toBeUndefined();
  });

  it('an explicit link wins over the join link, and a removed group finds nothing', async () => {
    await sessions.create(session('s00000000000000c2', undefined));
    await links.linkChat(TENANT, OTHER_THREAD, { tenantId: TENANT, teamId: TEAM, sessionId: 's00000000000000c2', linkedBy: 'x', linkedAt: new Date() });
    expect(await sessionOfMeeting(deps(), event(OTHER_THREAD))).toMatchObject({ how: 'explicit', session: { id: 's00000000000000c2' } });
    const g = (await repos.groups.get({ tenantId: TENANT, teamId: TEAM }))!;
    await repos.groups.update({ ...g.value, active: false }, g.etag);
    expect(await sessionOfMeeting(deps(), event(OTHER_THREAD))).toBeUndefined();
  });

  it('markers: one claim wins among concurrent ones; a released claim can be taken again; a sent one never', async () => {
    const key = { tenantId: TENANT, meetingId: 'MCMx+/==', kind: 'start' as const, sessionId: 's00000000000000c1' };
    const now = new Date('2027-03-10T08:03:00Z');
    const claims = await Promise.all(Array.from({ length: 8 }, () => markers.claim(key, now)));
    expect(claims.filter((c) => c.claimed)).toHaveLength(1);
    const won = claims.find((c) => c.claimed)!;
    if (!won.claimed) throw new Error('unreachable');
    await markers.release(key, won.etag);
    const again = await markers.claim(key, now);
    expect(again.claimed).toBe(true);
    if (!again.claimed) throw new Error('unreachable');
    await markers.sent(key, again.etag, 'activity-1', now);
    expect((await markers.claim(key, new Date(now.getTime() + 3_600_000))).claimed).toBe(false);
  });

  it('markers: a claim left by a crashed instance is taken over after it goes stale, not before', async () => {
    const key = { tenantId: TENANT, meetingId: 'crash', kind: 'end' as const, sessionId: 's00000000000000c1' };
    const t0 = new Date('2027-03-10T12:00:00Z');
    expect((await markers.claim(key, t0)).claimed).toBe(true);
    expect((await markers.claim(key, new Date(t0.getTime() + 30_000))).claimed).toBe(false);
    expect((await markers.claim(key, new Date(t0.getTime() + 5 * 60_000))).claimed).toBe(true);
  });
});
