import en from '../../bot/src/features/core/locales/en.json';
import { startBotConnector, type BotConnector } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS, type UserKey } from '../fixtures/activities';
import { startTestService, type TestService } from '../support/service';
import { testRepositories, uniquePrefix } from '../support/storage';

jest.setTimeout(90_000);

/** Short, so the test waits it out; production's default is in docs/caching.md. */
const CACHE_MS = 1_500;
const past = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Two instances on one storage account, each keeping rows that rarely change for CACHE_MS
 * (docs/caching.md). A change made on one instance holds there at once; the other instance
 * may act on what it read before for at most that long, never after.
 */
describe('per-instance caches: bounded for another instance, never stale on the one that changed', () => {
  let connector: BotConnector;
  let a: TestService;
  let b: TestService;
  const execute = (on: TestService, from: UserKey, verb: string, data: Record<string, unknown> = {}) =>
    on.post(loadActivity('invoke-adaptive-card-action', { serviceUrl: connector.url, from, cardAction: { verb, data: { teamId: TEAM.id, ...data } } }));
  const opensDecisionForm = async (on: TestService, from: UserKey) => !JSON.stringify((await execute(on, from, 'decision.form')).body).includes(en.errors.forbidden);

  beforeAll(async () => {
    connector = await startBotConnector();
    connector.setTeam({ id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId });
    const roster = (['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u));
    connector.setMembers(TEAM.id, roster);
    connector.setMembers(TEAM.selectedChannel.id, roster);
    const env = { STORAGE_TABLE_PREFIX: uniquePrefix(), STORAGE_CACHE_MS: String(CACHE_MS), INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId}` };
    a = await startTestService(env);
    b = await startTestService(env);
    expect((await a.post(loadActivity('bot-added-to-team', { serviceUrl: connector.url }))).status).toBeLessThan(300);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await connector?.stop();
  });

  it('a co-chair removed on one instance is refused there at once, and on the other after the bound', async () => {
    expect(JSON.stringify((await execute(a, 'amina', 'cochair.add', { aadObjectId: USERS.lars.aadObjectId })).body)).toContain('Lars Eriksen is now a co-chair.');
    // B has not read Lars's row yet (or read it before the change and kept it at most CACHE_MS).
    await past(CACHE_MS + 100);
    expect(await opensDecisionForm(b, 'lars')).toBe(true);
    expect(await opensDecisionForm(a, 'lars')).toBe(true);

    expect(JSON.stringify((await execute(a, 'amina', 'cochair.remove', { aadObjectId: USERS.lars.aadObjectId })).body)).toContain('Lars Eriksen is no longer a co-chair.');
    // On the instance that made the change: at once, although it had the row cached.
    expect(await opensDecisionForm(a, 'lars')).toBe(false);
    await past(CACHE_MS + 100);
    expect(await opensDecisionForm(b, 'lars')).toBe(false);
  });

  it('votes cast on both instances, back to back, are each counted once', async () => {
    const pollId = 'p00000000cac0e001';
    const created = await execute(a, 'amina', 'poll.create', {
      pollId,
      question: 'Where?',
      options: 'Geneva\nVienna',
      kind: 'single',
      visibility: 'live',
      closesDate: '2031-01-10',
      closesTime: '17:00',
    });
    expect(JSON.stringify(created.body)).toContain('posted in the channel');
    // Sofia's first vote on B, her change on A at once, Lars on A then B: the last ballot of each counts.
    const vote = async (on: TestService, from: UserKey, choice: string) =>
      expect(JSON.stringify((await execute(on, from, 'poll.vote', { pollId, choice })).body)).toMatch(/Your vote is (recorded|changed)/);
    await vote(b, 'sofia', 'o0');
    await vote(a, 'sofia', 'o1');
    await vote(a, 'lars', 'o1');
    await vote(b, 'lars', 'o0');
    const polls = testRepositories(a.tables).polls.polls;
    expect(await polls.tally((await polls.get({ tenantId: TENANT_ID, teamId: TEAM.id }, pollId))!.value)).toMatchObject({ voters: 2, counts: [1, 1] });
  });
});
