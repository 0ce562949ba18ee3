import { QuorumError } from '../../bot/src/kernel/errors';
import type { DueJob, JobFailure, JobHandler, JobResult, JobSpec } from '../../bot/src/kernel/scheduling';
import { createLogger } from '../../bot/src/platform/logging/logger';
import { DEFAULT_SCHEDULER_OPTIONS, JobScheduler } from '../../bot/src/platform/scheduler/job-scheduler';
import { JOB_TABLES, createJobStore } from '../../bot/src/platform/storage/table-job-store';
import { LogCapture } from '../support/log-capture';
import { testTables } from '../support/storage';

const TENANT = '5f2b2c7e-7b1e-4c1a-9d7e-0a1b2c3d4e5f';
const MINUTE = 60_000;
const T0 = Date.UTC(2027, 0, 4, 8, 0, 0);
const WEEK = 7 * 24 * 60 * MINUTE;

const job = (key: string, dueAt: number): JobSpec => ({ tenantId: TENANT, teamId: 'team-1', kind: 'weekly', key, dueAt: new Date(dueAt) });

/**
 * What every instance's handler shares: the runs, each time it was asked for the next run,
 * and each failure it was told. Its next run's key counts the times it was asked, so a second
 * question would schedule a second job instead of hiding behind a repeated key.
 */
class Series {
  runs: { key: string; instance: string; attempt: number }[] = [];
  asked: string[] = [];
  told: { key: string; failure: JobFailure }[] = [];
  plan: (job: DueJob) => JobResult | Promise<JobResult> = () => ({ outcome: { status: 'done' } });

  handler(instance: string): JobHandler {
    return {
      kind: 'weekly',
      run: async (jobs) => {
        const out: JobResult[] = [];
        for (const j of jobs) {
          this.runs.push({ key: j.key, instance, attempt: j.attempt });
          out.push(await this.plan(j));
        }
        return out;
      },
      following: async (j) => {
        this.asked.push(j.key);
        return [job(`${j.key}+${this.asked.length}`, j.dueAt.getTime() + WEEK)];
      },
      failed: async (j, failure) => {
        this.told.push({ key: j.key, failure });
      },
    };
  }
}

async function instances(names: string[], clock: { t: number }, series: Series) {
  const { tables } = await testTables(`r${Date.now()}${names.join('')}`);
  await tables.ensureTables(JOB_TABLES);
  return names.map((name) => {
    const logs = new LogCapture();
    const scheduler = new JobScheduler(createJobStore(tables), { now: () => new Date(clock.t) }, createLogger({ level: 'warn', pretty: false, destination: logs }), {
      ...DEFAULT_SCHEDULER_OPTIONS,
      instanceId: name,
      maxAttempts: 3,
      retryDelayMs: MINUTE,
    });
    scheduler.register([series.handler(name)]);
    return { scheduler, store: createJobStore(tables), logs };
  });
}

describe('a recurring job always schedules its next run', () => {
  it('one that throws on every attempt, on two instances: asked for its next run once, after the last attempt; the next one runs', async () => {
    const clock = { t: T0 };
    const series = new Series();
    const [a, b] = await instances(['a', 'b'], clock, series);
    series.plan = (j) => {
      if (j.key === 'w1') throw new Error('card builder exploded');
      return { outcome: { status: 'done' } };
    };
    await a!.scheduler.schedule(job('w1', T0 + MINUTE));
    for (let m = 0; m < 12; m++) {
      clock.t += MINUTE;
      await Promise.all([a!.scheduler.tick(), b!.scheduler.tick()]);
    }
    expect(series.runs.filter((r) => r.key === 'w1').map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(series.asked).toEqual(['w1']);
    expect((await a!.store.get(job('w1', 0)))?.job).toMatchObject({ state: 'failed', attempts: 3 });
    expect((await a!.store.get(job('w1+1', 0)))?.job).toMatchObject({ state: 'pending', dueAt: new Date(T0 + MINUTE + WEEK) });

    // Told once, with a stable code and the reference of the one error line; no stack in what it is told.
    expect(series.told.map((t) => [t.key, t.failure.code, t.failure.next.map((n) => n.key)])).toEqual([['w1', 'internal', ['w1+1']]]);
    const lines = [...a!.logs.records(), ...b!.logs.records()].filter((r) => r.msg === 'job failed');
    expect(lines).toEqual([expect.objectContaining({ level: 50, code: 'internal', key: 'w1', ref: series.told[0]!.failure.ref })]);
    expect(JSON.stringify(lines)).not.toContain('card builder exploded');

    clock.t = T0 + MINUTE + WEEK;
    await Promise.all([a!.scheduler.tick(), b!.scheduler.tick()]);
    expect(series.runs.filter((r) => r.key === 'w1+1')).toHaveLength(1);
    expect((await a!.store.get(job('w1+1', 0)))?.job.state).toBe('done');
    expect(series.asked).toEqual(['w1', 'w1+1']);
  }, 90_000);

  it('a domain refusal (a card too large) fails at once, with its own code, and the series goes on', async () => {
    const clock = { t: T0 };
    const series = new Series();
    const [a] = await instances(['a'], clock, series);
    series.plan = () => {
      throw new QuorumError('too-large', 'card of 52000 characters exceeds the 40000 budget');
    };
    await a!.scheduler.schedule(job('w1', T0 + MINUTE));
    for (let m = 0; m < 5; m++) {
      clock.t += MINUTE;
      await a!.scheduler.tick();
    }
    expect(series.runs).toHaveLength(1);
    expect(series.asked).toEqual(['w1']);
    expect(series.told.map((t) => [t.failure.code, t.failure.error instanceof QuorumError])).toEqual([['too-large', true]]);
    expect((await a!.store.get(job('w1+1', 0)))?.job.state).toBe('pending');
  });

  it('a retry is not finished: it is not asked, and a run that succeeds on its second attempt is asked once', async () => {
    const clock = { t: T0 };
    const series = new Series();
    const [a] = await instances(['a'], clock, series);
    series.plan = (j) => (j.attempt === 1 ? { outcome: { status: 'retry', reason: 'connector-down' } } : { outcome: { status: 'done' } });
    await a!.scheduler.schedule(job('w1', T0 + MINUTE));
    clock.t += MINUTE;
    await a!.scheduler.tick();
    expect(series.asked).toEqual([]);
    for (let m = 0; m < 4; m++) {
      clock.t += MINUTE;
      await a!.scheduler.tick();
    }
    expect(series.runs.map((r) => r.attempt)).toEqual([1, 2]);
    expect(series.asked).toEqual(['w1']);
    expect(series.told).toEqual([]);
  });
});
