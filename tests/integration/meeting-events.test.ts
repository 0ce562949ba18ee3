import { startBotConnector, type BotConnector } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS, type UserKey } from '../fixtures/activities';
import { loadMeeting, MEETING_JOIN_URL, MEETING_THREAD, type MeetingOverrides } from '../fixtures/meetings';
import { cardsIn, textsIn } from '../support/bot-harness';
import { startTestService, type TestService } from '../support/service';
import core from '../../bot/src/features/core/locales/en.json';
import en from '../../bot/src/features/meetings/locales/en.json';
import { submitAndRecord } from '../support/decision-confirm';

// Real storage and HTTP: give each hook and test room on a busy machine.
jest.setTimeout(60_000);

const M = en.meetings;
const SID = 's00000000000000a1';
const OTHER_SID = 's00000000000000b2';
const TITLE = 'Executive session ${$root.teamId} **2027**';
const OTHER_TENANT = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
/** A second meeting, not named by any session's online link. */
const THREAD_2 = '19:meeting_ZGVhZGJlZWYtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAy@thread.v2';
const THREAD_3 = '19:meeting_ZGVhZGJlZWYtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAz@thread.v2';

describe('meeting events: agenda when a linked meeting starts, summary when it ends', () => {
  let connector: BotConnector;
  let service: TestService;
  let now = new Date('2027-03-01T09:00:00Z');

  const execute = async (from: UserKey, verb: string, data: Record<string, unknown>) =>
    JSON.stringify((await service.post(loadActivity('invoke-adaptive-card-action', { serviceUrl: connector.url, from, cardAction: { verb, data: { teamId: TEAM.id, ...data } } }))).body);
  const newItem = async (body: Record<string, unknown>) => {
    const res = await fetch(`${service.url}/api/tab/items`, {
      method: 'POST',
      headers: { 'X-Quorum-Dev-User': `${TENANT_ID}:${USERS.amina.aadObjectId}`, 'X-Quorum-Team': TEAM.id, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { item: { ref: string } }).item.ref;
  };
  const meeting = (name: 'meeting-start' | 'meeting-end' | 'meeting-chat-message', o: Omit<MeetingOverrides, 'serviceUrl'> = {}) =>
    service.post(loadMeeting(name, { serviceUrl: connector.url, ...o }));
  /** New posts (not replies) the bot made in a conversation. */
  const postsIn = (conversationId: string) => connector.requests.filter((r) => r.route === 'sendToConversation' && r.conversationId === conversationId && r.outcome === 'served').map((r) => r.body);
  const repliesIn = (conversationId: string) => textsIn(connector.requests.filter((r) => r.route === 'replyToActivity' && r.conversationId === conversationId).map((r) => r.body));
  const refs: Record<string, string> = {};

  beforeAll(async () => {
    connector = await startBotConnector();
    connector.setTeam({ id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId });
    const roster = (['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u));
    connector.setMembers(TEAM.id, roster);
    connector.setMembers(TEAM.selectedChannel.id, roster);
    service = await startTestService({ INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId}`, ALLOWED_TENANT_IDS: TENANT_ID }, { clock: { now: () => now } });
    await service.post(loadActivity('bot-added-to-team', { serviceUrl: connector.url }));

    // Linked by its online link, pasted as Outlook shows it (upper-case escapes, another context).
    const pasted = `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(MEETING_THREAD)}/0?context=%7B%22Tid%22%3A%22${TENANT_ID}%22%7D`;
    expect(pasted).not.toBe(MEETING_JOIN_URL);
    const save = (sessionId: string, title: string, startDate: string, onlineUrl: string) =>
      execute('amina', 'session.save', {
        sessionId,
        title,
        startDate,
        startTime: '09:00',
        endDate: '',
        endTime: '13:00',
        timeZone: 'Europe/Zurich',
        place: 'Geneva',
        onlineUrl,
        agenda: 'Work-plan review | Co-chairs | 45\nThreat landscape | <b>UNICC</b> | 30',
      });
    expect(await save(SID, TITLE, '2027-03-10', pasted)).toContain('Session saved');
    // Another session of the same recurring meeting, months later: not the one this occurrence is for.
    expect(await save(OTHER_SID, 'June session', '2027-06-10', pasted)).toContain('Session saved');

    const poll = async (pollId: string, question: string, closesDate: string, sessionId: string | undefined, votes: Partial<Record<UserKey, string>>) => {
      expect(
        await execute('amina', 'poll.create', {
          pollId,
          question,
          options: 'Keep\nCut',
          kind: 'single',
          anonymous: 'false',
          visibility: 'live',
          closesDate,
          closesTime: '17:00',
          ...(sessionId ? { sessionId } : {}),
        }),
      ).toContain('poll');
      for (const [who, choice] of Object.entries(votes)) await execute(who as UserKey, 'poll.vote', { pollId, choice });
    };
    await poll('p0000000000000001', 'Budget option for 2028?', '2027-03-12', SID, { lars: 'o0', sofia: 'o1', amina: 'o0' });
    await poll('p0000000000000002', 'Closed before the meeting?', '2027-03-08', SID, { sofia: 'o1' });
    await poll('p0000000000000003', 'Unrelated poll of no session?', '2027-03-12', undefined, { sofia: 'o0' });

    // During the session: a decision and an action item.
    now = new Date('2027-03-10T09:30:00Z');
    expect(
      await submitAndRecord((verb, data) => execute('amina', verb, data), { title: 'Adopt the MFA baseline', text: 'All members enforce MFA.', sessionId: SID, decidedAt: '2027-03-10' }),
    ).toContain('D-2027-001');
    refs.during = await newItem({ title: 'Follow up on MFA rollout' });
    now = new Date('2027-03-10T08:02:30Z');
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    await connector?.stop();
  });

  it('start: posts the agenda and the open polls of the session into the meeting chat, once, however often Teams delivers it', async () => {
    connector.clear();
    // Teams may deliver the same event twice, even at once to two instances.
    const results = await Promise.all([meeting('meeting-start'), meeting('meeting-start')]);
    for (const r of results) expect(r.status).toBeLessThan(300);
    expect((await meeting('meeting-start')).status).toBeLessThan(300);

    const posts = postsIn(MEETING_THREAD);
    expect(posts).toHaveLength(1);
    const card = cardsIn(posts)[0]!;
    expect(card).toContain(M.agenda.heading);
    expect(card).toContain(JSON.stringify(TITLE).slice(1, -1)); // literal: ${...} in data is not evaluated
    expect(card).not.toContain('June session');
    expect(card).toContain('Work-plan review');
    expect(card).toContain('<b>UNICC</b>');
    expect(card).toContain('Budget option for 2028?');
    expect(card).toContain('3 of 3 voted');
    expect(card).not.toContain('Closed before the meeting?');
    expect(card).not.toContain('Unrelated poll of no session?');
    expect(service.logs.text).toContain('already posted (duplicate delivery)');
  });

  it('end: posts the summary with the decisions recorded, action items created and poll results', async () => {
    connector.clear();
    now = new Date('2027-03-10T12:00:00Z');
    await meeting('meeting-end');
    await meeting('meeting-end');
    const posts = postsIn(MEETING_THREAD);
    expect(posts).toHaveLength(1);
    const card = cardsIn(posts)[0]!;
    expect(card).toContain(M.summary.heading);
    expect(card).toContain('D-2027-001');
    expect(card).toContain('Adopt the MFA baseline');
    expect(card).toContain(refs.during);
    expect(card).toContain('Follow up on MFA rollout');
    // Budget: Keep 2 of 3 (67%), Cut 1 (33%); the closed poll too; never the unrelated one.
    expect(card).toContain('Budget option for 2028?');
    expect(card).toContain('Keep: 2 (67%) — leading');
    expect(card).toContain('Cut: 1 (33%)');
    expect(card).toContain('Closed before the meeting?');
    expect(card).not.toContain('Unrelated poll of no session?');
    // Counts only: no voter's name in a summary.
    for (const u of Object.values(USERS)) expect(card).not.toContain(u.name);
  });

  it('a meeting no session is linked to: nothing is posted, an info line is logged', async () => {
    connector.clear();
    const res = await meeting('meeting-start', { thread: THREAD_2 });
    expect(res.status).toBeLessThan(300);
    expect(postsIn(THREAD_2)).toHaveLength(0);
    expect(connector.activities()).toHaveLength(0);
    expect(service.logs.text).toContain('no session is linked to this meeting');
  });

  it('session link by a member is refused, and links nothing', async () => {
    connector.clear();
    await meeting('meeting-chat-message', { thread: THREAD_2, from: 'sofia', text: `session link ${SID}` });
    expect(repliesIn(THREAD_2).join('\n')).toContain(core.errors.forbidden);
    await meeting('meeting-start', { thread: THREAD_2 });
    expect(postsIn(THREAD_2)).toHaveLength(0);
  });

  it('session link: outside a meeting chat it says where it works; an unknown id is not found', async () => {
    connector.clear();
    await service.post(loadActivity('channel-message-mention', { serviceUrl: connector.url, from: 'amina', text: `session link ${SID}` }));
    expect(textsIn(connector.activities()).join('\n')).toContain(M.errors.notInMeeting);
    connector.clear();
    await meeting('meeting-chat-message', { thread: THREAD_2, from: 'amina', text: 'session link s0000000000000fff' });
    expect(repliesIn(THREAD_2).join('\n')).toContain(M.errors.sessionNotFound);
  });

  it('session link without an id lists the co-chair the upcoming sessions and their ids', async () => {
    connector.clear();
    now = new Date('2027-03-01T09:00:00Z');
    await meeting('meeting-chat-message', { thread: THREAD_2, from: 'amina', text: 'session link' });
    const reply = repliesIn(THREAD_2).join('\n');
    expect(reply).toContain(M.link.usage);
    expect(reply).toContain(SID);
    expect(reply).toContain(OTHER_SID);
    // Ids and dates only: a text message renders markdown, so session titles are not put in one.
    expect(reply).not.toContain(TITLE);
  });

  it('session link by a co-chair links the meeting chat; its start then posts that session’s agenda', async () => {
    connector.clear();
    now = new Date('2027-06-10T06:50:00Z');
    await meeting('meeting-chat-message', { thread: THREAD_2, from: 'amina', text: `session link ${OTHER_SID}` });
    const linked = cardsIn(connector.requests.filter((r) => r.route === 'replyToActivity' && r.conversationId === THREAD_2).map((r) => r.body));
    expect(linked).toHaveLength(1);
    expect(linked[0]).toContain(M.link.done);
    expect(linked[0]).toContain('June session');
    await meeting('meeting-start', { thread: THREAD_2, at: '2027-06-10T07:00:00Z' });
    const posts = postsIn(THREAD_2);
    expect(posts).toHaveLength(1);
    expect(cardsIn(posts)[0]).toContain('June session');
    expect(cardsIn(posts)[0]).toContain(M.agenda.noPolls);
  });

  it('an event from a tenant outside ALLOWED_TENANT_IDS is refused like any other activity', async () => {
    connector.clear();
    const res = await meeting('meeting-start', { tenantId: OTHER_TENANT });
    expect(res.status).toBeLessThan(500);
    expect(connector.activities()).toHaveLength(0);
    expect(service.logs.text).toContain('activity from a tenant that is not allowed');
  });

  it('a malformed meeting event (no JoinUrl) is answered without a server error and posts nothing', async () => {
    connector.clear();
    const bad = loadMeeting('meeting-start', { serviceUrl: connector.url, thread: THREAD_3 });
    delete (bad.value as Record<string, unknown>).JoinUrl;
    const res = await service.post(bad);
    expect(res.status).toBeLessThan(500);
    expect(connector.activities()).toHaveLength(0);
  });
});
