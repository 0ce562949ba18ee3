import { startBotConnector, type BotConnector } from '../fakes/bot-connector';
import type { RecordedRequest } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS, type UserKey } from '../fixtures/activities';
import { startTestService, type TestService } from '../support/service';
import { uniquePrefix } from '../support/storage';
import en from '../../bot/src/features/work-plan/locales/en.json';

// Two services on Azurite, minute by minute through a refused digest and the next week's.
jest.setTimeout(120_000);

const MINUTE = 60_000;
const isPost = (r: RecordedRequest) => r.route === 'sendToConversation' || r.route === 'replyToActivity';
const isDigest = (r: RecordedRequest) => isPost(r) && JSON.stringify(r.body).includes('Weekly work-plan digest');
const failureText = (r: RecordedRequest) => (r.body as { text?: string }).text ?? '';

/**
 * A weekly digest Teams refuses on every attempt (two instances sharing the storage account
 * and the work): the series goes on, its next digest scheduled exactly once, the co-chairs
 * told why in the channel, and the next week's digest is posted.
 */
describe('a weekly digest that fails every attempt', () => {
  let connector: BotConnector;
  const services: TestService[] = [];
  const clock = { at: new Date('2027-03-08T10:00:00Z') };
  let refuseDigests = true;

  const execute = (from: UserKey, verb: string, data: Record<string, unknown>, via = 0) =>
    services[via]!.post(loadActivity('invoke-adaptive-card-action', { serviceUrl: connector.url, from, cardAction: { verb, data: { teamId: TEAM.id, ...data } } })).then((r) => JSON.stringify(r.body));
  /** Every minute from `from` to `to`: one instance (in turn) ticks first, then both race. */
  async function minutes(from: string, to: string): Promise<void> {
    for (let t = Date.parse(from), step = 0; t <= Date.parse(to); t += MINUTE, step++) {
      clock.at = new Date(t);
      await services[step % 2]!.scheduler.tick();
      await Promise.all(services.map((s) => s.scheduler.tick()));
    }
  }
  async function digestJobs(): Promise<{ key: string; state: string; dueAt: string; attempts: number }[]> {
    const jobs: { key: string; state: string; dueAt: string; attempts: number }[] = [];
    for await (const e of services[0]!.tables.table('jobs').listEntities<{ kind: string; key: string; state: string; dueAt: Date; attempts: number }>()) {
      if (e.kind === 'work-plan.digest') jobs.push({ key: e.key, state: e.state, dueAt: new Date(e.dueAt).toISOString(), attempts: e.attempts });
    }
    return jobs.sort((a, b) => a.key.localeCompare(b.key));
  }
  const logged = (msg: string) => services.flatMap((s) => s.logs.records()).filter((r) => r.msg === msg);

  beforeAll(async () => {
    connector = await startBotConnector();
    connector.setTeam({ id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId });
    const roster = (['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u));
    connector.setMembers(TEAM.id, roster);
    connector.setMembers(TEAM.selectedChannel.id, roster);
    // Teams answers every digest post with 412 ("try again") until told otherwise; the notifier tries once per run.
    connector.failNext({ status: 412, times: 1_000, match: (r) => refuseDigests && isDigest(r) });
    const env = { STORAGE_TABLE_PREFIX: uniquePrefix(), INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId}`, NOTIFY_MAX_ATTEMPTS: '1' };
    for (let i = 0; i < 2; i++) services.push(await startTestService(env, { clock: { now: () => clock.at } }));
    await services[0]!.post(loadActivity('bot-added-to-team', { serviceUrl: connector.url }));
    const saved = await execute('amina', 'workplan.settings.save', { timeZone: 'Europe/Zurich', digestDay: 'mon', digestTime: '09:00' });
    expect(saved).toContain('Next digest: Mar 15, 2027, 9:00 AM (Europe/Zurich)');
    await services[0]!.scheduler.tick(); // the cursor starts here
    expect(await execute('sofia', 'workplan.item.create', { title: 'Rotate VPN keys', owner: USERS.sofia.aadObjectId, due: '2027-04-30' }, 1)).toContain('A-1');
  }, 60_000);
  afterAll(async () => {
    for (const s of services) await s.stop();
    await connector?.stop();
  });

  it('is given up after its attempts, and the next digest is scheduled exactly once', async () => {
    connector.clear();
    // Attempts at 08:00, 08:01, 08:03, 08:06 and 08:10 (the retry delay grows with each).
    await minutes('2027-03-15T07:59:00Z', '2027-03-15T08:20:00Z');
    expect(connector.requests.filter(isDigest).map((r) => r.outcome)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed']);
    expect(await digestJobs()).toEqual([
      { key: 'digest|2027-03-15', state: 'failed', dueAt: '2027-03-15T08:00:00.000Z', attempts: 5 },
      { key: 'digest|2027-03-22', state: 'pending', dueAt: '2027-03-22T08:00:00.000Z', attempts: 0 },
    ]);
  });

  it('is logged once with a stable code, and the co-chairs read why in the channel with the same reference', async () => {
    const failures = logged('job failed');
    expect(failures).toEqual([expect.objectContaining({ level: 50, code: 'send-failed', kind: 'work-plan.digest', key: 'digest|2027-03-15', next: ['digest|2027-03-22'] })]);
    const ref = String(failures[0]!.ref);
    const told = connector.requests.filter((r) => isPost(r) && !isDigest(r) && r.outcome === 'served');
    expect(told.map(failureText)).toEqual([
      `${en.workPlan.digest.failed.replace('{{date}}', '2027-03-15').replace('{{reason}}', en.workPlan.digest.notSent.replace('{{ref}}', ref))} ${en.workPlan.digest.nextDue.replace('{{when}}', 'Mar 22, 2027, 9:00 AM (Europe/Zurich)')} <at>${USERS.amina.name}</at>`,
    ]);
    const mentioned = (told[0]!.body as { entities?: { type: string; mentioned?: { id: string } }[] }).entities?.filter((e) => e.type === 'mention').map((e) => e.mentioned?.id);
    expect(mentioned).toEqual([USERS.amina.id]);
    expect(failureText(told[0]!)).not.toMatch(/Error|\bat \S+:\d+|412/);
  });

  it('posts the next week’s digest once, on time, and the series goes on', async () => {
    refuseDigests = false;
    connector.clear();
    await minutes('2027-03-22T07:59:00Z', '2027-03-22T08:02:00Z');
    const posted = connector.requests.filter((r) => isDigest(r) && r.outcome === 'served');
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0]!.body)).toContain('Weekly work-plan digest — 2027-03-22');
    expect((await digestJobs()).map((j) => [j.key, j.state])).toEqual([
      ['digest|2027-03-15', 'failed'],
      ['digest|2027-03-22', 'done'],
      ['digest|2027-03-29', 'pending'],
    ]);
    expect(logged('job failed')).toHaveLength(1);
  });
});
