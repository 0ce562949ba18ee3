import { testRepositories } from '../support/storage';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { startBotConnector, type BotConnector } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS, type ActivityOverrides } from '../fixtures/activities';
import { seedReminderGroups, type ReminderGroup } from '../support/reminder-groups';
import { startTestService, type TestService } from '../support/service';
import { startAzurite, type RunningAzurite } from '../../bot/src/dev/azurite';
import { runVerifyDecisions } from '../../bot/src/cli/verify-decisions';
import { createJobStore } from '../../bot/src/platform/storage/table-job-store';
import { openTables, type QuorumTables } from '../../bot/src/features/storage';
import { DeliveryLog } from '../../bot/src/platform/storage/delivery-log';
import core from '../../bot/src/features/core/locales/en.json';
import polls from '../../bot/src/features/polls/locales/en.json';
import decisions from '../../bot/src/features/decisions/locales/en.json';
import { mapLimit } from '../../bot/src/kernel/map-limit';
import { recordButtonData } from '../support/decision-confirm';

jest.setTimeout(120_000);

/** What a user sees when storage does not answer: the catalogued "try again", never a stack. */
const TRY_AGAIN = core.errors['storage-unavailable'];
const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const VOTERS = 40;

const voters = Array.from({ length: VOTERS }, (_, i) => ({ id: `29:fault-voter-${i}`, name: `Voter ${i}`, aadObjectId: randomUUID() }));

async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, capMs = 60_000): Promise<T> {
  const until = Date.now() + capMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A dedicated, disk-backed Azurite that the test stops (the process goes away, connections
 * are refused) and starts again on the same port with the same data: the real service, on
 * its real storage code, sees storage vanish in the middle of what it is doing.
 */
describe('storage goes away mid-operation, then comes back', () => {
  let dir: string;
  let azurite: RunningAzurite;
  let port: number;
  let connector: BotConnector;
  let service: TestService;
  let tables: QuorumTables;
  let now = new Date('2027-05-03T10:00:00Z');

  const down = async () => azurite.stop();
  const up = async () => {
    azurite = await startAzurite({ location: dir, port, samePort: true });
  };
  const invoke = async (from: ActivityOverrides['from'], verb: string, data: Record<string, unknown>, extra: ActivityOverrides = {}) => {
    const res = await service.post(loadActivity('invoke-adaptive-card-action', { serviceUrl: connector.url, from, cardAction: { verb, data: { teamId: TEAM.id, ...data } }, ...extra }));
    return { status: res.status, text: JSON.stringify(res.body) };
  };
  /** Each answer is a 200 invoke response with one of the expected catalogued texts, nothing else. */
  const expectOnly = (answers: { status: number; text: string }[], allowed: string[]) => {
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.text).not.toMatch(/\bat .+\.(ts|js):\d+|RestError|ECONNREFUSED|stack/i);
      expect(allowed.some((t) => a.text.includes(t))).toBe(true);
    }
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-faults-'));
    azurite = await startAzurite({ location: dir });
    port = azurite.port;
    connector = await startBotConnector();
    connector.setTeam({ id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId });
    const roster = [...(['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u)), ...voters.map((v) => ({ ...v, tenantId: TENANT_ID, userRole: 'user' }))];
    connector.setMembers(TEAM.id, roster);
    connector.setMembers(TEAM.selectedChannel.id, roster);
    service = await startTestService({ INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId}`, STORAGE_CONNECTION_STRING: azurite.connectionString }, { clock: { now: () => now } });
    tables = openTables({ kind: 'connection-string', connectionString: azurite.connectionString }, service.tablePrefix);
    expect((await service.post(loadActivity('bot-added-to-team', { serviceUrl: connector.url }))).status).toBeLessThan(300);
  });
  afterAll(async () => {
    await service?.stop();
    await connector?.stop();
    await azurite?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a vote burst: every voter is told "recorded" or "try again", no vote without its count, and voting works again', async () => {
    const pollId = `p${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const created = await invoke('amina', 'poll.create', { pollId, question: 'Which first?', options: 'A\nB\nC', kind: 'single', visibility: 'live', closesDate: '2027-05-10', closesTime: '17:00' });
    expect(created.text).toContain(polls.polls.created);
    const choiceOf = (i: number) => `o${i % 3}`;

    let stopping: Promise<void> | undefined;
    let answered = 0;
    const first = await mapLimit(voters, 8, async (v, i) => {
      const a = await invoke(v, 'poll.vote', { pollId, choice: choiceOf(i) });
      // Storage goes away while the burst is in full flow.
      if (++answered === 10) stopping = down();
      return a;
    });
    await stopping;
    expectOnly(first, [polls.polls.card.recorded, TRY_AGAIN]);
    const refused = first.flatMap((a, i) => (a.text.includes(TRY_AGAIN) ? [i] : []));
    expect(refused.length).toBeGreaterThan(0);

    // The tab API says the same thing with the right status while storage is away.
    const tab = await fetch(`${service.url}/api/tab/polls`, { headers: { 'x-quorum-dev-user': `${TENANT_ID}:${USERS.amina.aadObjectId}`, 'x-quorum-team': TEAM.id } });
    expect(tab.status).toBe(503);
    expect(await tab.json()).toMatchObject({ error: { code: 'storage-unavailable', message: TRY_AGAIN } });

    // A chat command gets the same words as a reply in the conversation (the turn error handler).
    connector.clear();
    const chat = await service.post(loadActivity('channel-message-mention', { serviceUrl: connector.url, from: 'lars', text: 'items' }));
    expect(chat.status).toBe(200);
    const replies = connector
      .activities()
      .filter((a) => (a as { type?: string }).type === 'message')
      .map((a) => JSON.stringify(a));
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain(TRY_AGAIN);

    await up();
    const repo = testRepositories(tables).polls.polls;
    const poll = (await repo.get(group, pollId))!.value;
    const assertConsistent = async () => {
      const stored = await repo.namedVotes(poll);
      const tally = await repo.tally(poll);
      const counts = [0, 0, 0];
      for (const s of stored) for (const o of (s.ballot as { optionIds: string[] }).optionIds) counts[Number(o.slice(1))]!++;
      expect(tally).toEqual({ voters: stored.length, counts });
      return stored;
    };
    // Nothing half-written: every stored ballot is counted, every count has its ballot,
    // and every voter told "recorded" is in the register with their choice.
    const stored = await assertConsistent();
    const byVoter = new Map(stored.map((s) => [s.aadObjectId, (s.ballot as { optionIds: string[] }).optionIds[0]]));
    first.forEach((a, i) => {
      if (a.text.includes(polls.polls.card.recorded)) expect(byVoter.get(voters[i]!.aadObjectId)).toBe(choiceOf(i));
    });

    // Storage is back: those told to try again do, and every vote counts exactly once.
    const again = await mapLimit(refused, 8, (i) => invoke(voters[i]!, 'poll.vote', { pollId, choice: choiceOf(i) }));
    // A vote whose transaction committed just before the answer was lost reads "already recorded".
    expectOnly(again, [polls.polls.card.recorded, polls.polls.card.unchanged]);
    const final = await assertConsistent();
    expect(final).toHaveLength(VOTERS);
    expect((await repo.tally(poll)).counts).toEqual([0, 1, 2].map((o) => voters.filter((_, i) => i % 3 === o).length));
  });

  it('a decision append: "recorded" or "try again", the chain verifies, and numbering continues without a gap', async () => {
    // The form's submit, then Record on its confirmation (storage may go away at either step).
    const record = async (title: string) => {
      const confirmation = await invoke('amina', 'decision.record', { title, text: `${title}: the group agrees.` });
      const data = recordButtonData(confirmation.text);
      return data ? invoke('amina', 'decision.confirm', data) : confirmation;
    };
    for (const title of ['Meet monthly', 'Use Signal']) expect((await record(title)).text).toContain('Recorded as D-2027-');

    let stopping: Promise<void> | undefined;
    const titles = Array.from({ length: 8 }, (_, i) => `Burst decision ${i}`);
    let answered = 0;
    const answers = await mapLimit(titles, 4, async (title) => {
      const a = await record(title);
      if (++answered === 2) stopping = down();
      return a;
    });
    await stopping;
    expectOnly(answers, ['Recorded as D-2027-', TRY_AGAIN]);
    expect(answers.some((a) => a.text.includes(TRY_AGAIN))).toBe(true);
    await up();

    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const env = { STORAGE_CONNECTION_STRING: azurite.connectionString, STORAGE_TABLE_PREFIX: service.tablePrefix };
    expect(await runVerifyDecisions(['--tenant', TENANT_ID, '--team', TEAM.id], env, io)).toBe(0);

    const store = testRepositories(tables).decisions.store;
    const numbersOf = async () => (await store.rows(group)).map((r) => r.position);
    const before = await numbersOf();
    expect(before).toEqual(before.map((_, i) => i + 1));
    // The register holds exactly the decisions the co-chair was told are recorded, under the
    // references they were told: a "try again" means it is not there (trying again does not
    // record it twice), and a decision stored just before storage went away is reported as
    // recorded (read back from what was written), not as "try again".
    const told = answers.flatMap((a, i) => (a.text.match(/Recorded as (D-2027-\d{3})/) ? [`${a.text.match(/Recorded as (D-2027-\d{3})/)![1]} ${titles[i]}`] : []));
    const records = await Promise.all((await store.rows(group)).map(async (r) => (await store.findByRef(group, String(r.content.ref)))!));
    expect(
      records
        .filter((r) => r.title.startsWith('Burst'))
        .map((r) => `${r.ref} ${r.title}`)
        .sort(),
    ).toEqual(told.sort());

    const next = await record('After the outage');
    const ref = next.text.match(/Recorded as (D-2027-\d{3})/)?.[1];
    expect(ref).toBe(`D-2027-${String(before.length + 1).padStart(3, '0')}`);
    expect(next.text).toContain(decisions.decisions.recorded.notice.replace('{{ref}}', ref!));
    expect(await runVerifyDecisions(['--tenant', TENANT_ID, '--team', TEAM.id], env, io)).toBe(0);
  });

  it('a reminder run: every job ends delivered or recorded failed, none done without its post, and the run completes on a later pass', async () => {
    const GROUPS = 10;
    const seeded: ReminderGroup[] = await seedReminderGroups(service, connector, tables, GROUPS, now, 's');
    const sends = () => connector.requests.filter((r) => r.route === 'sendToConversation');
    connector.clear();
    // A slow connector keeps the run in progress long enough for storage to go away under it.
    connector.delayNext({ ms: 300, times: 1000, match: (r) => r.route === 'sendToConversation' });

    const run = service.scheduler.tick().then(
      () => 'finished',
      () => 'failed',
    );
    await eventually(() => sends().length >= 2 || undefined, 'the first posts');
    await down();
    await run; // a pass that loses its storage ends (and is logged); it never hangs
    const beforeRestart = new Set(sends().map((r) => r.conversationId));
    connector.clearFaults();
    await up();

    const jobs = createJobStore(tables);
    const states = async () => Promise.all(seeded.map(async (g) => (await jobs.get(g.job))?.job.state));
    const deliveries = new DeliveryLog(tables.table('deliveries'));
    const sentTo = async () => new Set((await deliveries.day(now.toISOString().slice(0, 10))).filter((d) => d.status === 'sent').map((d) => d.conversationId));
    // The outage did cut the run short: some jobs were left unfinished (claimed or pending),
    // and none is marked done without its post delivered and recorded as sent.
    const afterOutage = await states();
    expect(afterOutage.some((s) => s !== 'done')).toBe(true);
    const recorded = await sentTo();
    seeded.forEach((g, i) => {
      if (afterOutage[i] === 'done') expect(recorded.has(g.channel)).toBe(true);
    });
    // Later passes (the clock moves past the claims' leases and retry delays) finish the run.
    for (let pass = 0; pass < 20 && !(await states()).every((s) => s === 'done' || s === 'failed'); pass++) {
      now = new Date(now.getTime() + 6 * 60_000);
      await service.scheduler.tick().catch(() => undefined);
    }
    expect(await states()).toEqual(seeded.map(() => 'done'));

    const log = await deliveries.day(now.toISOString().slice(0, 10));
    for (const g of seeded) {
      const sent = log.filter((d) => d.conversationId === g.channel && d.status === 'sent');
      const posts = sends().filter((r) => r.conversationId === g.channel && r.outcome === 'served');
      // Done means posted and recorded: exactly one "sent" record per job.
      expect(sent).toHaveLength(1);
      expect(posts.length).toBeGreaterThanOrEqual(1);
      // A second copy only where a post had reached the connector when storage went away
      // (its record could not be written, so the job ran again): at-least-once, at most twice.
      expect(posts.length).toBeLessThanOrEqual(beforeRestart.has(g.channel) ? 2 : 1);
    }
  });
});
