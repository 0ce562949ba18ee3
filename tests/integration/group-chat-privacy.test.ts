import { TEAM, type UserKey } from '../fixtures/activities';
import { loadMeeting, MEETING_THREAD } from '../fixtures/meetings';
import { cardsIn, startBotHarness, textsIn, type BotHarness } from '../support/bot-harness';
import { tabApi } from '../support/tab';
import core from '../../bot/src/features/core/locales/en.json';
import { submitAndRecord } from '../support/decision-confirm';

jest.setTimeout(60_000);

const SID = 's00000000000000d7';
/** A meeting chat no session is linked to (guests of another organisation may be in it). */
const UNLINKED_MEETING = '19:meeting_ZGVhZGJlZWYtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMGQ3@thread.v2';
/** An ordinary group chat (not a meeting): Microsoft's `19:…@thread.v2` group chat id. */
const PLAIN_CHAT = '19:9b2f4c6e8a0d4e1f93c5a7b9d1e3f5a7@thread.v2';
/** What only the group should see, each unmistakable in whatever the bot sends. */
const SECRET = { item: 'Rotate the HSM master key', decision: 'Withdraw from vendor Ovida', session: 'Closed-door incident review' };
const REFUSAL = core.errors.reasons['group-chat'];
const POSTS = new Set(['createConversation', 'sendToConversation', 'replyToActivity', 'updateActivity']);

/**
 * A group chat shows the bot's answers to everyone in it. Commands typed there answer with
 * the group's data only where the chat belongs to the group (a meeting chat linked to one of
 * its sessions); elsewhere they say where to ask instead, and carry nothing of the group.
 */
describe('commands in group chats', () => {
  let h: BotHarness;
  const api = tabApi(() => h.service.url);

  /** A message @mentioning Quorum in a group chat (Microsoft's groupChat message shape). */
  const say = async (thread: string, from: UserKey, text: string) => {
    const activity = loadMeeting('meeting-chat-message', { serviceUrl: h.connector.url, thread, from, text });
    // Outside a meeting Teams sends no channelData.meeting.
    if (!thread.startsWith('19:meeting_')) delete activity.channelData.meeting;
    h.connector.clear();
    expect((await h.service.post(activity)).status).toBeLessThan(300);
    const sent = h.connector.requests.filter((r) => r.conversationId === thread && r.outcome === 'served').map((r) => r.body);
    // Nothing went anywhere else either.
    expect(h.connector.requests.filter((r) => POSTS.has(r.route) && r.conversationId !== thread)).toEqual([]);
    return { text: textsIn(sent).join('\n'), cards: cardsIn(sent).join('\n'), all: JSON.stringify(sent) };
  };
  const execute = (verb: string, data: Record<string, unknown>) => h.send('invoke-adaptive-card-action', { from: 'amina', cardAction: { verb, data: { teamId: TEAM.id, ...data } } });

  beforeAll(async () => {
    h = await startBotHarness();
    expect((await h.send('bot-added-to-team')).status).toBeLessThan(300);
    expect((await api('amina', 'POST', 'items', { title: SECRET.item })).status).toBe(201);
    expect(JSON.stringify((await submitAndRecord(execute, { title: SECRET.decision, text: 'Effective at once.', decidedAt: '2026-11-30' })).body)).toContain('D-2026-001');
    const saved = await execute('session.save', {
      sessionId: SID,
      title: SECRET.session,
      startDate: '2031-02-15',
      startTime: '09:30',
      endDate: '2031-02-15',
      endTime: '12:00',
      timeZone: 'Europe/Zurich',
      agenda: 'Opening',
    });
    expect(JSON.stringify(saved.body)).toContain('Session saved');
  });
  afterAll(async () => {
    await h?.stop();
  });

  const leaks = (out: { all: string }) => [TEAM.name, ...Object.values(SECRET)].filter((s) => out.all.includes(s));

  describe.each([
    ['an unlinked meeting chat', UNLINKED_MEETING],
    ['a group chat that is not a meeting', PLAIN_CHAT],
  ])('in %s', (_where, thread) => {
    it.each(['items', 'items all', 'decisions', 'next session', 'item A-1', 'decision D-2026-001', 'cochairs', 'report 2026', 'decisions verify'])(
      '"%s" posts no group data and says where to ask',
      async (command) => {
        const out = await say(thread, 'sofia', command);
        expect(leaks(out)).toEqual([]);
        expect(out.text).toContain(REFUSAL);
      },
    );

    it('a co-chair gets no group data either', async () => {
      const out = await say(thread, 'amina', 'items all');
      expect(leaks(out)).toEqual([]);
      expect(out.text).toContain(REFUSAL);
    });

    it('help still answers, without the group, saying where to ask', async () => {
      const out = await say(thread, 'sofia', 'help');
      expect(out.cards).toContain(core.help.title);
      expect(out.cards).toContain(JSON.stringify(core.help.groupChatNote).slice(1, -1));
      expect(leaks(out)).toEqual([]);
    });
  });

  it('refuses a card action in an unlinked group chat even when the card names the group', async () => {
    const invoke = loadMeeting('meeting-chat-message', { serviceUrl: h.connector.url, thread: UNLINKED_MEETING, from: 'sofia' });
    Object.assign(invoke, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      text: undefined,
      value: { action: { type: 'Action.Execute', verb: 'decision.show', data: { teamId: TEAM.id, ref: 'D-2026-001' } }, trigger: 'manual' },
    });
    const res = await h.service.post(invoke);
    expect(JSON.stringify(res.body)).not.toContain(SECRET.decision);
    expect(JSON.stringify(res.body)).toContain(REFUSAL.slice(0, 40));
  });

  describe("in a meeting chat linked to one of the group's sessions", () => {
    beforeAll(async () => {
      const linked = await say(MEETING_THREAD, 'amina', `session link ${SID}`);
      expect(linked.all).toContain(SECRET.session);
    });

    it.each([
      ['items all', SECRET.item],
      ['decisions', SECRET.decision],
      ['next session', SECRET.session],
    ])('"%s" answers there with the group\'s data', async (command, expected) => {
      const out = await say(MEETING_THREAD, 'sofia', command);
      expect(out.all).toContain(expected);
    });

    it('help answers with the group', async () => {
      const out = await say(MEETING_THREAD, 'sofia', 'help');
      expect(out.cards).toContain(TEAM.name);
      expect(out.cards).toContain(core.help.memberNote);
    });
  });

  it('personal chat and the channel answer as before', async () => {
    h.connector.clear();
    await h.send('personal-message', { from: 'sofia', text: 'items all' });
    expect(JSON.stringify(h.connector.activities())).toContain(SECRET.item);
    h.connector.clear();
    await h.send('channel-message-mention', { from: 'sofia', text: 'decisions' });
    expect(JSON.stringify(h.connector.activities())).toContain(SECRET.decision);
  });
});
