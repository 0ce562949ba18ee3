import type { PollRepository } from '../../bot/src/features/polls/domain/ports';
import { randomUUID } from 'node:crypto';
import { startBotConnector, type BotConnector } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { cardsIn } from '../support/bot-harness';
import { startTestService, type TestService } from '../support/service';
import { testStorageConnection, testRepositories } from '../support/storage';
import { openTables } from '../../bot/src/features/storage';
import en from '../../bot/src/features/polls/locales/en.json';
import { mapLimit } from '../../bot/src/kernel/map-limit';

const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const VOTERS = 1000;
const CHANGERS = 200;
const start = new Date('2027-03-01T09:00:00Z');

interface Person {
  id: string;
  name: string;
  aadObjectId: string;
}

/** 1,000 extra members on the team's roster: installing the bot stores them all (Teams' paged roster). */
const people: Person[] = Array.from({ length: VOTERS }, (_, i) => ({
  id: `29:voter-${i}`,
  name: `Voter ${String(i).padStart(4, '0')}`,
  aadObjectId: randomUUID(),
}));

describe('polls: many members voting through /api/messages', () => {
  let connector: BotConnector;
  let service: TestService;
  let now = start;
  let polls: PollRepository;

  const send = (overrides: Parameters<typeof loadActivity>[1]) => service.post(loadActivity('invoke-adaptive-card-action', { serviceUrl: connector.url, ...overrides }));
  const vote = (from: Person | 'amina' | 'lars' | 'sofia', choice: string, pollId: string) => send({ from, cardAction: { verb: 'poll.vote', data: { teamId: TEAM.id, pollId, choice } } });

  async function createPoll(fields: Record<string, string>): Promise<string> {
    const pollId = `p${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const res = await send({
      from: 'amina',
      cardAction: { verb: 'poll.create', data: { teamId: TEAM.id, pollId, kind: 'single', visibility: 'live', closesDate: '2027-03-08', closesTime: '17:00', ...fields } },
    });
    expect(JSON.stringify(res.body)).toContain(en.polls.created);
    return pollId;
  }

  beforeAll(async () => {
    connector = await startBotConnector();
    connector.setTeam({ id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId });
    const roster = [...(['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u)), ...people.map((p) => ({ ...p, tenantId: TENANT_ID, userRole: 'user' }))];
    connector.setMembers(TEAM.id, roster);
    connector.setMembers(TEAM.selectedChannel.id, roster);
    service = await startTestService({ INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId}` }, { clock: { now: () => now } });
    await service.post(loadActivity('bot-added-to-team', { serviceUrl: connector.url }));
    polls = testRepositories(openTables({ kind: 'connection-string', connectionString: testStorageConnection() }, service.tablePrefix)).polls.polls;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await connector?.stop();
  });

  it('counts 1,000 concurrent voters and 200 changed votes exactly, and coalesces channel card updates', async () => {
    const pollId = await createPoll({ question: 'Which topic first?', options: 'Threat intel\nCloud posture\nIncident response\nAwareness' });
    const truth = new Map<string, string>();
    const choiceFor = (i: number) => `o${(i * 7) % 4}`;
    connector.clear();

    const failures: string[] = [];
    await mapLimit(
      people.map((p, i) => ({ p, i })),
      250,
      async ({ p, i }) => {
        const res = await vote(p, choiceFor(i), pollId);
        const body = JSON.stringify(res.body);
        if (!body.includes(en.polls.card.recorded)) failures.push(body.slice(0, 300));
        truth.set(p.aadObjectId, choiceFor(i));
      },
    );
    expect(failures).toEqual([]);

    now = new Date(start.getTime() + 60_000);
    await mapLimit(
      people.slice(0, CHANGERS).map((p, i) => ({ p, i })),
      200,
      async ({ p, i }) => {
        const next = `o${(Number(choiceFor(i).slice(1)) + 1) % 4}`;
        const res = await vote(p, next, pollId);
        if (!JSON.stringify(res.body).includes(en.polls.card.changed)) failures.push(JSON.stringify(res.body).slice(0, 300));
        truth.set(p.aadObjectId, next);
      },
    );
    expect(failures).toEqual([]);

    const poll = (await polls.get(group, pollId))!.value;
    const tally = await polls.tally(poll);
    const expected = [0, 0, 0, 0];
    for (const c of truth.values()) expected[Number(c.slice(1))]!++;
    expect(tally.voters).toBe(VOTERS);
    expect(tally.counts).toEqual(expected);
    const stored = await polls.namedVotes(poll);
    expect(stored).toHaveLength(VOTERS);
    for (const v of stored) expect(v.ballot).toEqual({ kind: 'choices', optionIds: [truth.get(v.aadObjectId)] });

    // No channel update during the burst: one refresh job per window, run by the scheduler.
    expect(connector.requests.filter((r) => r.route === 'updateActivity')).toHaveLength(0);
    now = new Date(now.getTime() + 10_000);
    await service.scheduler.tick();
    const updates = connector.requests.filter((r) => r.route === 'updateActivity');
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.length).toBeLessThanOrEqual(2);
    const card = JSON.stringify(updates.at(-1)!.body);
    expect(card).toContain(`${VOTERS} of ${VOTERS + 3} voted`);
    // Over 60 members: no automatic per-user refresh list, a "show my vote" button instead.
    expect(card).not.toContain('"userIds"');
    expect(card).toContain(en.polls.card.showMine);
  }, 180_000);

  it('counts a member who double-submits concurrently once', async () => {
    const pollId = await createPoll({ question: 'Double?', options: 'A\nB' });
    const results = await Promise.all(Array.from({ length: 8 }, () => vote('sofia', 'o1', pollId)));
    const texts = results.map((r) => JSON.stringify(r.body));
    expect(texts.filter((t) => t.includes(en.polls.card.recorded))).toHaveLength(1);
    expect(texts.filter((t) => t.includes(en.polls.card.unchanged))).toHaveLength(7);
    const poll = (await polls.get(group, pollId))!.value;
    expect(await polls.tally(poll)).toEqual({ voters: 1, counts: [0, 1] });
  }, 30_000);

  it('shows the voter their own vote and results after voting (live poll)', async () => {
    const pollId = await createPoll({ question: 'Mine?', options: 'Left\nRight' });
    const res = await vote('lars', 'o0', pollId);
    const card = (res.body as { value: unknown }).value;
    const text = JSON.stringify(card);
    expect(text).toContain(en.polls.card.myVote);
    expect(text).toContain('Left');
    expect(text).toContain('1 (100%)');
    expect(text).toContain(en.polls.card.change);
    const change = await send({ from: 'lars', cardAction: { verb: 'poll.view', data: { teamId: TEAM.id, pollId, change: true } } });
    expect(JSON.stringify(change.body)).toContain('"id":"choice"');
    expect(JSON.stringify(change.body)).toContain('"value":"o0"');
    expect(cardsIn([]).length).toBe(0);
  });
});
