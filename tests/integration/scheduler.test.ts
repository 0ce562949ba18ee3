import type { DueJob, JobHandler, JobResult, JobSpec } from '../../bot/src/kernel/scheduling';
import { createLogger } from '../../bot/src/platform/logging/logger';
import { DEFAULT_SCHEDULER_OPTIONS, JobScheduler } from '../../bot/src/platform/scheduler/job-scheduler';
import { JOB_TABLES, createJobStore } from '../../bot/src/platform/storage/table-job-store';
import { LogCapture } from '../support/log-capture';
import { testTables } from '../support/storage';

const TENANT = '5f2b2c7e-7b1e-4c1a-9d7e-0a1b2c3d4e5f';
const MINUTE = 60_000;

class FakeClock {
  constructor(public t: number) {}
  now = () => new Date(this.t);
  advance(ms: number) {
    this.t += ms;
  }
}

/** Records every run; `plan` decides each job's result (default done). */
class RecordingHandler implements JobHandler {
  runs: { key: string; instance: string; late: number }[] = [];
  plan: (job: DueJob) => JobResult | Promise<JobResult> = () => ({ outcome: { status: 'done' } });
  constructor(
    readonly kind: string,
    private readonly instance: string,
    readonly batchKey?: (job: DueJob) => string,
  ) {}
  async run(jobs: DueJob[]): Promise<JobResult[]> {
    const out: JobResult[] = [];
    for (const j of jobs) {
      this.runs.push({ key: j.key, instance: this.instance, late: j.lateByMs });
      out.push(await this.plan(j));
    }
    return out;
  }
}

async function instance(prefix: string, clock: FakeClock, name: string, handler: RecordingHandler, opts: Partial<typeof DEFAULT_SCHEDULER_OPTIONS> = {}) {
  const { tables } = await testTables(prefix);
  await tables.ensureTables(JOB_TABLES);
  const store = createJobStore(tables);
  const scheduler = new JobScheduler(store, clock, createLogger({ level: 'warn', pretty: false, destination: new LogCapture() }), {
    ...DEFAULT_SCHEDULER_OPTIONS,
    instanceId: name,
    ...opts,
  });
  scheduler.register([handler]);
  return { scheduler, store };
}

const job = (key: string, dueAt: number, teamId = 'team-1'): JobSpec => ({ tenantId: TENANT, teamId, kind: 'test', key, dueAt: new Date(dueAt) });

describe('the scheduler on Azure Table storage', () => {
  const T0 = Date.UTC(2027, 0, 4, 8, 0, 0);

  it('runs a job once when it falls due, and never before', async () => {
    const clock = new FakeClock(T0);
    const h = new RecordingHandler('test', 'a');
    const { scheduler } = await instance(`s${Date.now()}a`, clock, 'a', h);
    await scheduler.schedule(job('j1', T0 + 10 * MINUTE));
    await scheduler.schedule(job('j1', T0 + 10 * MINUTE)); // the same key again is the same job
    clock.advance(9 * MINUTE);
    await scheduler.tick();
    expect(h.runs).toHaveLength(0);
    clock.advance(MINUTE);
    await scheduler.tick();
    clock.advance(MINUTE);
    await scheduler.tick();
    expect(h.runs.map((r) => r.key)).toEqual(['j1']);
  });

  it('runs a job scheduled for a time already past at the next pass', async () => {
    const clock = new FakeClock(T0);
    const h = new RecordingHandler('test', 'a');
    const { scheduler } = await instance(`s${Date.now()}b`, clock, 'a', h);
    await scheduler.tick();
    clock.advance(5 * MINUTE);
    await scheduler.tick();
    await scheduler.schedule(job('late', T0 - 60 * MINUTE));
    clock.advance(MINUTE);
    await scheduler.tick();
    expect(h.runs.map((r) => r.key)).toEqual(['late']);
  });

  it('with two instances on one storage account, runs every job exactly once', async () => {
    const prefix = `s${Date.now()}c`;
    const clock = new FakeClock(T0);
    const ha = new RecordingHandler('test', 'a');
    const hb = new RecordingHandler('test', 'b');
    const a = await instance(prefix, clock, 'a', ha);
    const b = await instance(prefix, clock, 'b', hb);
    const keys = Array.from({ length: 80 }, (_, i) => `k${i}`);
    await Promise.all(keys.map((k, i) => (i % 2 ? a : b).scheduler.schedule(job(k, T0 + (1 + (i % 3)) * MINUTE, `team-${i % 7}`))));
    for (let m = 0; m < 5; m++) {
      clock.advance(MINUTE);
      // Both passes run at once; which one starts first alternates, so on a slow machine the
      // first to start cannot take every minute's jobs and leave the other nothing to show.
      const [first, second] = m % 2 ? [b, a] : [a, b];
      await Promise.all([first.scheduler.tick(), second.scheduler.tick()]);
    }
    const all = [...ha.runs, ...hb.runs].map((r) => r.key).sort();
    expect(all).toEqual([...keys].sort());
    expect(ha.runs.length).toBeGreaterThan(0);
    expect(hb.runs.length).toBeGreaterThan(0);
  }, 90_000);

  it('lets another instance finish what a crashed one claimed, and never reruns what was recorded as done', async () => {
    const prefix = `s${Date.now()}d`;
    const clock = new FakeClock(T0);
    const ha = new RecordingHandler('test', 'a');
    const hb = new RecordingHandler('test', 'b');
    const a = await instance(prefix, clock, 'a', ha, { leaseMs: 2 * MINUTE, concurrency: 1 });
    const b = await instance(prefix, clock, 'b', hb, { leaseMs: 2 * MINUTE });
    for (const k of ['done-1', 'done-2', 'stuck']) await a.scheduler.schedule(job(k, T0 + MINUTE, `team-${k}`));
    // Instance a finishes two jobs, then "dies" inside the third: its run never returns.
    ha.plan = (j) => (j.key === 'stuck' ? new Promise<JobResult>(() => undefined) : { outcome: { status: 'done' } });
    clock.advance(MINUTE);
    void a.scheduler.tick();
    await waitUntil(() => ha.runs.length === 3);
    // Before the lease runs out, b leaves the claimed job alone.
    clock.advance(MINUTE);
    await b.scheduler.tick();
    expect(hb.runs).toHaveLength(0);
    // After it, b takes over the claimed job only.
    clock.advance(2 * MINUTE);
    await b.scheduler.tick();
    expect(hb.runs.map((r) => r.key)).toEqual(['stuck']);
    expect(ha.runs.filter((r) => r.key.startsWith('done')).length).toBe(2);
    const stuck = await b.store.get({ tenantId: TENANT, teamId: 'team-stuck', kind: 'test', key: 'stuck' });
    expect(stuck?.job.state).toBe('done');
    expect(stuck?.job.owner).toBeUndefined();
  });

  it('retries a transient failure later, then records a failure after the attempt limit', async () => {
    const clock = new FakeClock(T0);
    const h = new RecordingHandler('test', 'a');
    const { scheduler, store } = await instance(`s${Date.now()}e`, clock, 'a', h, { maxAttempts: 3, retryDelayMs: MINUTE });
    h.plan = () => ({ outcome: { status: 'retry', reason: 'connector-down' } });
    await scheduler.schedule(job('flaky', T0 + MINUTE));
    for (let m = 0; m < 12; m++) {
      clock.advance(MINUTE);
      await scheduler.tick();
    }
    expect(h.runs.filter((r) => r.key === 'flaky')).toHaveLength(3);
    expect((await store.get({ tenantId: TENANT, teamId: 'team-1', kind: 'test', key: 'flaky' }))?.job).toMatchObject({ state: 'failed', attempts: 3 });
  });

  it('keeps the cursor before a job that waits for a retry, and moves it on once the job is finished', async () => {
    const clock = new FakeClock(T0);
    const h = new RecordingHandler('test', 'a');
    const { scheduler, store } = await instance(`s${Date.now()}f`, clock, 'a', h, { retryDelayMs: 3 * MINUTE });
    let fail = true;
    h.plan = () => (fail ? { outcome: { status: 'retry', reason: 'x' } } : { outcome: { status: 'done' } });
    await scheduler.schedule(job('r', T0 + MINUTE));
    clock.advance(2 * MINUTE);
    await scheduler.tick();
    const held = (await store.cursor())!.through;
    clock.advance(MINUTE);
    await scheduler.tick();
    expect((await store.cursor())!.through).toBe(held);
    fail = false;
    clock.advance(5 * MINUTE);
    await scheduler.tick();
    expect((await store.cursor())!.through > held).toBe(true);
  });

  it('after downtime, runs a missed weekly job once, late, and schedules the next one from now', async () => {
    const clock = new FakeClock(T0);
    const h = new RecordingHandler('test', 'a');
    const { scheduler } = await instance(`s${Date.now()}g`, clock, 'a', h);
    const WEEK = 7 * 24 * 60 * MINUTE;
    h.plan = () => ({ outcome: { status: 'done' }, next: [job(`digest-${clock.t + WEEK}`, clock.t + WEEK)] });
    await scheduler.schedule(job('digest-first', T0 + MINUTE));
    await scheduler.tick();
    clock.advance(3 * WEEK); // the service was down for three weeks
    await scheduler.tick();
    expect(h.runs.map((r) => r.key)).toEqual(['digest-first']);
    expect(h.runs[0]!.late).toBeGreaterThan(2 * WEEK);
    clock.advance(WEEK);
    await scheduler.tick();
    expect(h.runs).toHaveLength(2);
    expect(h.runs[1]!.late).toBeLessThan(MINUTE);
  });

  it('groups due jobs with the same batch key into one run', async () => {
    const clock = new FakeClock(T0);
    const batches: string[][] = [];
    const handler: JobHandler = {
      kind: 'test',
      batchKey: (j) => String(j.payload?.owner),
      run: async (jobs) => {
        batches.push(jobs.map((j) => j.key).sort());
        return jobs.map(() => ({ outcome: { status: 'done' } }));
      },
    };
    const { tables } = await testTables(`s${Date.now()}h`);
    await tables.ensureTables(JOB_TABLES);
    const scheduler = new JobScheduler(createJobStore(tables), clock, createLogger({ level: 'silent', pretty: false }), { ...DEFAULT_SCHEDULER_OPTIONS, instanceId: 'x' });
    scheduler.register([handler]);
    for (const [key, owner] of [
      ['a1', 'amina'],
      ['a2', 'amina'],
      ['s1', 'sofia'],
    ])
      await scheduler.schedule({ ...job(key!, T0 + MINUTE), payload: { owner: owner! } });
    clock.advance(MINUTE);
    await scheduler.tick();
    expect(batches.sort()).toEqual([['a1', 'a2'], ['s1']]);
  });

  it('reads only the minutes since its last pass, not every job stored', async () => {
    const clock = new FakeClock(T0);
    const h = new RecordingHandler('test', 'a');
    const { scheduler } = await instance(`s${Date.now()}i`, clock, 'a', h);
    for (let i = 0; i < 50; i++) await scheduler.schedule(job(`far-${i}`, T0 + (1000 + i) * MINUTE));
    await scheduler.schedule(job('soon', T0 + MINUTE));
    clock.advance(MINUTE);
    const report = await scheduler.tick();
    expect(report).toMatchObject({ due: 1, ran: 1 });
    expect(report.buckets).toBeLessThanOrEqual(3);
  });
  it("schedules an entity's jobs together: each once, a key scheduled before kept or moved, past ones at the next pass", async () => {
    const clock = new FakeClock(T0);
    const h = new RecordingHandler('test', 'a');
    const { scheduler, store } = await instance(`s${Date.now()}k`, clock, 'a', h);
    await scheduler.tick();
    await scheduler.schedule(job('b2', T0 + 30 * MINUTE));
    // One transaction would fail on b2 (scheduled before): the rest are still created, b2 kept.
    await scheduler.scheduleAll([job('b1', T0 + 5 * MINUTE), job('b2', T0 + 40 * MINUTE), job('b3', T0 + 5 * MINUTE), job('b1', T0 + 5 * MINUTE), job('past', T0 - 60 * MINUTE)]);
    expect((await store.get(job('b2', 0)))?.job.dueAt).toEqual(new Date(T0 + 30 * MINUTE));
    await scheduler.scheduleAll([job('b3', T0 + 20 * MINUTE), job('b4', T0 + 20 * MINUTE, 'team-2')], { replace: true });
    const runsUntil = async (minutes: number) => {
      for (let m = 0; m < minutes; m++) {
        clock.advance(MINUTE);
        await scheduler.tick();
      }
      return h.runs.map((r) => r.key).sort();
    };
    expect(await runsUntil(5)).toEqual(['b1', 'past']);
    expect(await runsUntil(15)).toEqual(['b1', 'b3', 'b4', 'past']);
    expect(await runsUntil(20)).toEqual(['b1', 'b2', 'b3', 'b4', 'past']);
  });
});

async function waitUntil(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
