import type { PollRepository } from '../../bot/src/features/polls/domain/ports';
import { randomUUID } from 'node:crypto';
import { startBotConnector, type BotConnector } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS, type AccountOverride } from '../fixtures/activities';
import { cardsIn } from '../support/bot-harness';
import { startTestService, type TestService } from '../support/service';
import { testStorageConnection, testRepositories } from '../support/storage';
import { openTables, type QuorumTables } from '../../bot/src/features/storage';
import en from '../../bot/src/features/polls/locales/en.json';
import core from '../../bot/src/features/core/locales/en.json';

const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const OTHER_TEAM = { id: '19:otherteam0000000000000000000000@thread.tacv2', name: 'Other Team' };
const stranger: AccountOverride = { id: '29:1stranger', aadObjectId: '7f4d9e1a-3c5b-4a0d-9e7f-91a2b3c4d5e6', name: 'Stranger' };
const newId = () => `p${randomUUID().replace(/-/g, '').slice(0, 16)}`;

describe('polls: bad input gets a clear message and stores nothing', () => {
  let connector: BotConnector;
  let service: TestService;
  let tables: QuorumTables;
  let polls: PollRepository;
  const now = new Date('2027-03-01T09:00:00Z');

  const send = (from: 'amina' | 'lars' | 'sofia' | AccountOverride, verb: string, data: Record<string, unknown>, extra: Parameters<typeof loadActivity>[1] = {}) =>
    service.post(loadActivity('invoke-adaptive-card-action', { serviceUrl: connector.url, from, cardAction: { verb, data }, ...extra }));
  const text = (res: { body: unknown }) => JSON.stringify(res.body);
  const form = (fields: Record<string, unknown>) => ({
    teamId: TEAM.id,
    pollId: newId(),
    question: 'Q?',
    options: 'A\nB',
    kind: 'single',
    visibility: 'live',
    closesDate: '2027-03-08',
    closesTime: '17:00',
    ...fields,
  });

  async function storedRows(): Promise<number> {
    let n = 0;
    for await (const _ of tables.table('polls').listEntities()) n++;
    for await (const _ of tables.table('pollIndex').listEntities()) n++;
    return n;
  }

  beforeAll(async () => {
    connector = await startBotConnector();
    for (const team of [TEAM, OTHER_TEAM]) connector.setTeam({ id: team.id, name: team.name });
    const roster = (['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u));
    connector.setMembers(TEAM.id, roster);
    connector.setMembers(TEAM.selectedChannel.id, roster);
    connector.setMembers(OTHER_TEAM.id, roster);
    service = await startTestService({ INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId}` }, { clock: { now: () => now } });
    await service.post(loadActivity('bot-added-to-team', { serviceUrl: connector.url }));
    tables = openTables({ kind: 'connection-string', connectionString: testStorageConnection() }, service.tablePrefix);
    await tables.ensureTables(['polls', 'pollIndex']);
    polls = testRepositories(tables).polls.polls;
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
    await connector?.stop();
  });

  describe('the create form', () => {
    it.each([
      ['an empty question', { question: '   ' }, en.polls.errors.emptyQuestion],
      ['fewer than 2 options', { options: 'Only one' }, en.polls.errors.tooFewOptions.replace('{{min}}', '2')],
      ['more than 20 options', { options: Array.from({ length: 21 }, (_, i) => `Option ${i}`).join('\n') }, en.polls.errors.tooManyOptions.replace('{{max}}', '20')],
      ['duplicate options', { options: 'Geneva\nNew York\n geneva ' }, en.polls.errors.duplicateOption.replace('{{option}}', 'geneva')],
      ['a close time in the past', { closesDate: '2027-02-28', closesTime: '17:00' }, en.polls.errors.closesInPast],
      ['a malformed date', { closesDate: '2027-13-45' }, en.polls.errors.badDate],
      ['an impossible date', { closesDate: '2027-02-30' }, en.polls.errors.badDate],
      ['a malformed time', { closesTime: '25:99' }, en.polls.errors.badDate],
      ['a bad maximum', { kind: 'multiple', maxChoices: '5' }, en.polls.errors.badMaxChoices.replace('{{max}}', '2')],
      ['an unknown kind', { kind: 'ranked' }, en.polls.errors.badKind],
      ['an unknown session', { sessionId: 's0000000000000000' }, en.polls.errors.unknownSession],
    ])('refuses %s', async (_what, fields, message) => {
      const res = await send('amina', 'poll.create', form(fields));
      expect(text(res)).toContain(message);
      // The form comes back with what was typed, to fix it.
      expect(text(res)).toContain('poll.create');
      expect(await storedRows()).toBe(0);
    });

    it.each([
      ['an extra field', { isAdmin: true }],
      ['a malformed poll id', { pollId: "p' or 1 eq 1" }],
    ])('refuses a payload with %s', async (_what, fields) => {
      const res = await send('amina', 'poll.create', form(fields));
      expect(text(res)).toContain(core.errors.validation.split(':')[0]!);
      expect(await storedRows()).toBe(0);
    });

    it('refuses a member while members may not create polls, and stores nothing', async () => {
      expect(text(await send('sofia', 'poll.create', form({})))).toContain(en.polls.errors.membersCannotCreate);
      expect(await storedRows()).toBe(0);
    });

    it('creates one poll from a replayed form (and answers the replay with it), and shows ${...} and markup literally', async () => {
      const hostile = '${$root.teamId} **bold** <b>x</b> [link](https://evil.example)';
      const data = form({ question: hostile, options: `${hostile}\nPlain` });
      const first = await send('amina', 'poll.create', data);
      expect(text(first)).toContain(en.polls.created);
      // The same form sent again is the same request: answered with the poll it created.
      const replay = await send('amina', 'poll.create', data);
      expect(replay.body).toEqual(first.body);
      const posted = cardsIn(connector.activities()).filter((c) => c.includes('poll.vote'));
      expect(posted).toHaveLength(1);
      const runs = JSON.stringify((first.body as { value: unknown }).value);
      expect(runs).toContain(`{"type":"TextRun","text":${JSON.stringify(hostile)}`);
      expect(runs).not.toContain(`"text":"${TEAM.id} **bold**`);
      const all = (await polls.list(group)).filter((p) => p.question === hostile);
      expect(all).toHaveLength(1);
      expect(all[0]!.options[0]!.text).toBe(hostile);
    });
  });

  describe('the members-may-create setting', () => {
    const say = (from: 'amina' | 'sofia', text: string) => service.post(loadActivity('channel-message-mention', { serviceUrl: connector.url, from, text }));

    it('is changed by co-chairs only, and then lets members open the form and create', async () => {
      connector.clear();
      await say('sofia', 'poll');
      expect(
        connector
          .activities()
          .map((a) => JSON.stringify(a))
          .join(),
      ).toContain(en.polls.errors.membersCannotCreate);
      await say('sofia', 'poll settings members on');
      expect(
        connector
          .activities()
          .map((a) => JSON.stringify(a))
          .join(),
      ).toContain('Only a co-chair');
      await say('amina', 'poll settings members maybe');
      expect(
        connector
          .activities()
          .map((a) => JSON.stringify(a))
          .join(),
      ).toContain(en.polls.settings.usage);
      await say('amina', 'poll settings members on');
      expect(
        connector
          .activities()
          .map((a) => JSON.stringify(a))
          .join(),
      ).toContain(en.polls.settings.on);
      connector.clear();
      await say('sofia', 'poll');
      expect(cardsIn(connector.activities()).join()).toContain(en.polls.form.title);
      expect(text(await send('sofia', 'poll.create', form({ question: 'From a member' })))).toContain(en.polls.created);
      await say('amina', 'poll settings members off');
      expect(text(await send('sofia', 'poll.create', form({ question: 'Not any more' })))).toContain(en.polls.errors.membersCannotCreate);
    });
  });

  describe('votes', () => {
    let single: string;
    let multi: string;
    let avail: string;

    beforeAll(async () => {
      single = form({ question: 'Single' }).pollId;
      expect(text(await send('amina', 'poll.create', { ...form({ question: 'Single' }), pollId: single }))).toContain(en.polls.created);
      multi = newId();
      expect(text(await send('amina', 'poll.create', { ...form({ question: 'Multi', kind: 'multiple', maxChoices: '2', options: 'A\nB\nC' }), pollId: multi }))).toContain(en.polls.created);
      avail = newId();
      expect(text(await send('amina', 'poll.create', { ...form({ question: 'When?', kind: 'availability', options: 'Mon\nTue' }), pollId: avail }))).toContain(en.polls.created);
    });

    const tallyOf = async (id: string) => polls.tally((await polls.get(group, id))!.value);
    const unchanged = async (id: string, before: Awaited<ReturnType<typeof tallyOf>>) => {
      expect(await tallyOf(id)).toEqual(before);
      expect((await polls.voters((await polls.get(group, id))!.value)).has(USERS.sofia.aadObjectId)).toBe(false);
    };

    it.each([
      ['an unknown option id', () => ({ pollId: single, choice: 'o9' }), en.polls.errors.unknownOption],
      ['too many choices (single)', () => ({ pollId: single, choice: 'o0,o1' }), en.polls.errors.tooManyChoices_one.replace('{{count}}', '1')],
      ['too many choices (multiple, max 2)', () => ({ pollId: multi, choice: 'o0,o1,o2' }), en.polls.errors.tooManyChoices_other.replace('{{count}}', '2')],
      ['no choice', () => ({ pollId: single, choice: '' }), en.polls.errors.noChoice],
      ['a repeated option', () => ({ pollId: multi, choice: 'o0,o0' }), en.polls.errors.unknownOption],
      ['an availability answer that is not yes/maybe/no', () => ({ pollId: avail, o0: 'yes', o1: 'perhaps' }), en.polls.errors.unknownOption],
      ['an availability vote missing an option', () => ({ pollId: avail, o0: 'yes' }), en.polls.errors.answerEveryOption],
      ['an option of another kind of ballot', () => ({ pollId: avail, choice: 'o0' }), en.polls.errors.unknownOption],
      ['a poll id that does not exist', () => ({ pollId: newId(), choice: 'o0' }), en.polls.errors.notFound],
    ])('refuses %s', async (_what, data, message) => {
      const d = data();
      const before = (await polls.get(group, d.pollId)) ? await tallyOf(d.pollId) : undefined;
      const res = await send('sofia', 'poll.vote', { teamId: TEAM.id, ...d });
      expect(text(res)).toContain(message);
      if (before) await unchanged(d.pollId, before);
    });

    it.each([
      ['an extra field', () => ({ pollId: single, choice: 'o0', weight: 1000 })],
      ['a tampered poll id', () => ({ pollId: `${single}'`, choice: 'o0' })],
      ['an answer field beyond the options', () => ({ pollId: avail, o0: 'yes', o1: 'no', o25: 'yes' })],
    ])('refuses a payload with %s', async (_what, data) => {
      const d = data();
      const before = await tallyOf(single);
      const res = await send('sofia', 'poll.vote', { teamId: TEAM.id, ...d });
      expect(text(res)).toContain(core.errors.validation.split(':')[0]!);
      await unchanged(single, before);
    });

    it('refuses a poll id of another group', async () => {
      await service.post(loadActivity('bot-added-to-team', { serviceUrl: connector.url, team: OTHER_TEAM }));
      const res = await send('sofia', 'poll.vote', { teamId: OTHER_TEAM.id, pollId: single, choice: 'o0' }, { team: OTHER_TEAM });
      expect(text(res)).toContain(en.polls.errors.notFound);
      // A card naming another team than the one it is used in is refused outright.
      const crossed = await send('sofia', 'poll.vote', { teamId: OTHER_TEAM.id, pollId: single, choice: 'o0' });
      expect(text(crossed)).toContain(core.errors.forbidden);
      await unchanged(single, await tallyOf(single));
    });

    it('refuses someone outside the team (personal chat, not a stored member) and another tenant', async () => {
      const before = await tallyOf(single);
      const personal = loadActivity('invoke-adaptive-card-action', {
        serviceUrl: connector.url,
        from: stranger,
        cardAction: { verb: 'poll.vote', data: { teamId: TEAM.id, pollId: single, choice: 'o0' } },
      });
      delete (personal.channelData as { team?: unknown }).team;
      personal.conversation = { id: 'a:1strangerchat', conversationType: 'personal', tenantId: TENANT_ID };
      expect(text(await service.post(personal))).toContain(en.polls.errors.notInTeam);
      const inTeam = await send(stranger, 'poll.vote', { teamId: TEAM.id, pollId: single, choice: 'o0' });
      expect(text(inTeam)).toContain(en.polls.errors.notInTeam);
      const otherTenant = await send('sofia', 'poll.vote', { teamId: TEAM.id, pollId: single, choice: 'o0' }, { tenantId: '11111111-2222-4333-8444-555555555555' });
      expect(text(otherTenant)).toContain(en.polls.errors.notInTeam);
      await unchanged(single, before);
    });

    it('counts a replayed vote once', async () => {
      const data = { teamId: TEAM.id, pollId: multi, choice: 'o0,o2' };
      expect(text(await send('lars', 'poll.vote', data))).toContain(en.polls.card.recorded);
      expect(text(await send('lars', 'poll.vote', data))).toContain(en.polls.card.unchanged);
      expect(await tallyOf(multi)).toEqual({ voters: 1, counts: [1, 0, 1] });
    });
  });
});
