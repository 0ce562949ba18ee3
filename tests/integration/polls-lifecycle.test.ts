import type { PollRepository } from '../../bot/src/features/polls/domain/ports';
import { randomUUID } from 'node:crypto';
import { startBotConnector, type BotConnector } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { cardsIn } from '../support/bot-harness';
import { startTestService, type TestService } from '../support/service';
import { testStorageConnection, testRepositories } from '../support/storage';
import { openTables } from '../../bot/src/features/storage';
import en from '../../bot/src/features/polls/locales/en.json';

const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const extra = Array.from({ length: 25 }, (_, i) => ({ id: `29:extra-${i}`, name: `Extra ${String(i).padStart(2, '0')}`, aadObjectId: randomUUID() }));

describe('polls: reminder, auto-close and results with a fake clock', () => {
  let connector: BotConnector;
  let service: TestService;
  let polls: PollRepository;
  let now = new Date('2027-03-01T09:00:00Z');
  const at = (iso: string) => (now = new Date(iso));

  const send = (from: 'amina' | 'lars' | 'sofia', verb: string, data: Record<string, unknown>) =>
    service.post(loadActivity('invoke-adaptive-card-action', { serviceUrl: connector.url, from, cardAction: { verb, data: { teamId: TEAM.id, ...data } } }));
  const text = (res: { body: unknown }) => JSON.stringify(res.body);

  async function createPoll(fields: Record<string, string>): Promise<string> {
    const pollId = `p${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const res = await send('amina', 'poll.create', {
      pollId,
      question: 'Which date?',
      options: 'Monday\nTuesday\nWednesday',
      kind: 'single',
      visibility: 'live',
      closesDate: '2027-03-03',
      closesTime: '17:00',
      ...fields,
    });
    expect(text(res)).toContain(en.polls.created);
    return pollId;
  }

  beforeAll(async () => {
    connector = await startBotConnector();
    connector.setTeam({ id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId });
    const roster = [...(['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u)), ...extra.map((p) => ({ ...p, tenantId: TENANT_ID }))];
    connector.setMembers(TEAM.id, roster);
    connector.setMembers(TEAM.selectedChannel.id, roster);
    service = await startTestService({ INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId}` }, { clock: { now: () => now } });
    await service.post(loadActivity('bot-added-to-team', { serviceUrl: connector.url }));
    const tables = openTables({ kind: 'connection-string', connectionString: testStorageConnection() }, service.tablePrefix);
    polls = testRepositories(tables).polls.polls;
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
    await connector?.stop();
  });

  it('reminds non-voters by name 24 h before, then closes at the deadline and posts the results (a tie shown as a tie)', async () => {
    at('2027-03-01T09:00:00Z');
    const pollId = await createPoll({});
    expect(text(await send('lars', 'poll.vote', { pollId, choice: 'o0' }))).toContain(en.polls.card.recorded);
    expect(text(await send('sofia', 'poll.vote', { pollId, choice: 'o1' }))).toContain(en.polls.card.recorded);
    connector.clear();

    at('2027-03-02T16:59:00Z');
    await service.scheduler.tick();
    expect(connector.activities().filter((a) => JSON.stringify(a).includes(en.polls.reminder.heading))).toHaveLength(0);

    at('2027-03-02T17:00:30Z');
    await service.scheduler.tick();
    const reminders = connector.activities().filter((a) => JSON.stringify(a).includes('Not voted yet')) as { entities?: { type: string; mentioned: { id: string } }[]; attachments?: unknown[] }[];
    // Amina and the 25 extra members have not voted: 26 mentions, 20 per message at most.
    expect(reminders).toHaveLength(2);
    const mentioned = reminders.flatMap((r) => (r.entities ?? []).filter((e) => e.type === 'mention').map((e) => e.mentioned.id));
    expect(reminders.map((r) => (r.entities ?? []).filter((e) => e.type === 'mention').length)).toEqual([20, 6]);
    expect(new Set(mentioned)).toEqual(new Set([USERS.amina.id, ...extra.map((e) => e.id)]));
    expect(mentioned).not.toContain(USERS.lars.id);
    expect(mentioned).not.toContain(USERS.sofia.id);
    expect(cardsIn(reminders).join()).toContain('Which date?');
    connector.clear();

    at('2027-03-03T17:00:20Z');
    await service.scheduler.tick();
    const results = cardsIn(connector.activities()).filter((c) => c.includes(en.polls.card.resultsHeading));
    expect(results).toHaveLength(1);
    expect(results[0]).toContain('Tie: 2 options share the lead.');
    expect(results[0]).toContain('1 (50%)');
    expect(results[0]).toContain('2 of 28 voted');
    expect(results[0]).not.toContain('"poll.vote"');
    // The original card now shows the closed poll, without the vote button.
    const update = connector.requests.filter((r) => r.route === 'updateActivity').at(-1);
    expect(JSON.stringify(update?.body)).toContain('Closed');
    expect(JSON.stringify(update?.body)).not.toContain('"poll.vote"');
    const stored = (await polls.get(group, pollId))!.value;
    expect(stored).toMatchObject({ status: 'closed', resultsPosted: true });

    // A vote after close is refused and changes nothing; a later pass posts nothing more.
    const late = await send('amina', 'poll.vote', { pollId, choice: 'o2' });
    expect(text(late)).toContain(en.polls.errors.closed);
    expect(await polls.tally(stored)).toEqual({ voters: 2, counts: [1, 1, 0] });
    connector.clear();
    at('2027-03-03T17:05:00Z');
    await service.scheduler.tick();
    expect(cardsIn(connector.activities()).filter((c) => c.includes(en.polls.card.resultsHeading))).toHaveLength(0);
  });

  it('says so when the results are posted late (after downtime)', async () => {
    at('2027-03-04T09:00:00Z');
    const pollId = await createPoll({ closesDate: '2027-03-05', closesTime: '12:00' });
    connector.clear();
    at('2027-03-05T14:00:00Z');
    await service.scheduler.tick();
    const results = cardsIn(connector.activities()).filter((c) => c.includes(en.polls.card.resultsHeading));
    expect(results).toHaveLength(1);
    expect(results[0]).toContain(en.polls.card.late);
    expect((await polls.get(group, pollId))!.value.status).toBe('closed');
  });

  it('lets a co-chair close early (once), not a member; the deadline job then does nothing', async () => {
    at('2027-03-06T09:00:00Z');
    const pollId = await createPoll({ closesDate: '2027-03-09', visibility: 'after-close' });
    const view = await send('sofia', 'poll.vote', { pollId, choice: 'o2' });
    expect(text(view)).toContain(en.polls.card.hidden['after-close']);
    expect(text(view)).not.toContain('(100%)');
    expect(text(await send('sofia', 'poll.close', { pollId }))).toContain('Only a co-chair can do that.');
    expect((await polls.get(group, pollId))!.value.status).toBe('open');
    connector.clear();

    const closed = await send('lars', 'poll.close', { pollId });
    expect(text(closed)).toContain('Only a co-chair');
    const byChair = await send('amina', 'poll.close', { pollId });
    expect(text(byChair)).toContain(en.polls.card.closedNow);
    expect(text(byChair)).toContain('1 (100%)');
    expect(cardsIn(connector.activities()).filter((c) => c.includes(en.polls.card.resultsHeading))).toHaveLength(1);
    expect(text(await send('amina', 'poll.close', { pollId }))).toContain(en.polls.card.closedNow);
    connector.clear();
    at('2027-03-09T17:01:00Z');
    await service.scheduler.tick();
    expect(cardsIn(connector.activities()).filter((c) => c.includes(en.polls.card.resultsHeading))).toHaveLength(0);
  });

  it('keeps co-chairs-only results out of every shared card', async () => {
    at('2027-03-10T09:00:00Z');
    const pollId = await createPoll({ closesDate: '2027-03-11', visibility: 'co-chairs', question: 'Secret tally?' });
    await send('sofia', 'poll.vote', { pollId, choice: 'o0' });
    expect(text(await send('sofia', 'poll.view', { pollId }))).not.toContain('(100%)');
    expect(text(await send('amina', 'poll.view', { pollId }))).toContain('1 (100%)');
    connector.clear();
    at('2027-03-11T17:01:00Z');
    await service.scheduler.tick();
    const posted = cardsIn(connector.activities()).join();
    expect(posted).toContain(en.polls.card.resultsHeading);
    expect(posted).toContain(en.polls.card.hidden['co-chairs']);
    expect(posted).not.toContain('(100%)');
  });
});
