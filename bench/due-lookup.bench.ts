/**
 * Due-reminder lookup with 1,000 and with 100,000 action items stored (issue 3).
 * Each item has its next reminder pending at a realistic local time (09:00 in Geneva,
 * Vienna or New York) on some day of the coming year; 100 reminders are due now. The figure
 * is the time from the start of a scheduler pass until the handler receives the due jobs
 * (the lookup), median of 7 passes, and the ratio of the two (goal ≤ 2).
 *
 * Run: npx tsx bench/due-lookup.bench.ts   (starts its own in-memory Azurite; loopback only)
 */
import { startAzurite } from '../bot/src/dev/azurite';
import type { DueJob, JobHandler, JobResult } from '../bot/src/kernel/scheduling';
import { createLogger } from '../bot/src/platform/logging/logger';
import { bucketOf } from '../bot/src/platform/scheduler/buckets';
import { DEFAULT_SCHEDULER_OPTIONS, JobScheduler } from '../bot/src/platform/scheduler/job-scheduler';
import { JOB_TABLES, createJobStore } from '../bot/src/platform/storage/table-job-store';
import { toKey } from '../bot/src/platform/storage/keys';
import { openTables, type QuorumTables } from '../bot/src/features/storage';
import { median, report } from './lib/figures';

const TENANT = '5f2b2c7e-7b1e-4c1a-9d7e-0a1b2c3d4e5f';
const GROUPS = 100;
const DUE_NOW = 100;
const PASSES = 7;
/** Untimed passes first, so neither figure carries the JIT's warm-up. */
const WARMUP = 3;
const T0 = Date.UTC(2027, 0, 4, 8, 0);
/** 09:00 in Geneva/Vienna (08:00 UTC in winter) and New York (14:00 UTC). */
const UTC_HOURS = [8, 14];

async function storeItems(tables: QuorumTables, items: number): Promise<void> {
  // Bulk-load in the scheduler's own storage format: job rows by group partition (100 per
  // transaction), index chunks per due minute, hour summaries.
  const jobs = tables.table('jobs');
  const index = tables.table('jobIndex');
  const byGroup = new Map<string, { rowKey: string; entity: Record<string, unknown> }[]>();
  const byMinute = new Map<string, string[][]>();
  for (let i = 0; i < items; i++) {
    const teamId = `19:group-${i % GROUPS}@thread.tacv2`;
    const day = 1 + (i % 365);
    const due = new Date(T0 + day * 86_400_000);
    due.setUTCHours(UTC_HOURS[i % UTC_HOURS.length]!, 0, 0, 0);
    const key = `item-${i}|${due.toISOString().slice(0, 10)}`;
    const pk = toKey(TENANT, teamId);
    const rows = byGroup.get(pk) ?? [];
    rows.push({ rowKey: toKey('due-soon', key), entity: { tenantId: TENANT, teamId, kind: 'due-soon', key, dueAt: due, payload: '{}', state: 'pending', attempts: 0 } });
    byGroup.set(pk, rows);
    const minute = bucketOf(due);
    byMinute.set(minute, [...(byMinute.get(minute) ?? []), [TENANT, teamId, 'due-soon', key]]);
  }
  const txs: Promise<unknown>[] = [];
  for (const [pk, rows] of byGroup) {
    for (let i = 0; i < rows.length; i += 100) {
      txs.push(jobs.submitTransaction(rows.slice(i, i + 100).map((r) => ['create', { partitionKey: pk, rowKey: r.rowKey, ...r.entity }])));
      if (txs.length >= 20) await Promise.all(txs.splice(0));
    }
  }
  await Promise.all(txs);
  const hours = new Map<string, string[]>();
  for (const [minute, entries] of byMinute) {
    for (let c = 0; c * 120 < entries.length; c++) {
      await index.createEntity({ partitionKey: minute, rowKey: `c${String(c).padStart(5, '0')}`, entries: JSON.stringify(entries.slice(c * 120, (c + 1) * 120)) });
    }
    hours.set(minute.slice(0, 10), [...(hours.get(minute.slice(0, 10)) ?? []), minute]);
  }
  for (const [hour, minutes] of hours) await index.createEntity({ partitionKey: `h${hour}`, rowKey: 'minutes', minutes: JSON.stringify(minutes.sort()) });
}

async function measure(connectionString: string, items: number): Promise<number> {
  const tables = openTables({ kind: 'connection-string', connectionString }, `bench${items}`);
  await tables.ensureTables(JOB_TABLES);
  const started = Date.now();
  await storeItems(tables, items);
  process.stdout.write(`  stored ${items} items in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

  let clock = T0;
  let lookupDone = 0;
  const handler: JobHandler = {
    kind: 'due-soon',
    run: async (jobs: DueJob[]): Promise<JobResult[]> => {
      lookupDone ||= performance.now();
      return jobs.map(() => ({ outcome: { status: 'done' } }));
    },
  };
  const scheduler = new JobScheduler(createJobStore(tables), { now: () => new Date(clock) }, createLogger({ level: 'silent', pretty: false }), {
    ...DEFAULT_SCHEDULER_OPTIONS,
    instanceId: 'bench',
  });
  scheduler.register([handler]);
  await scheduler.tick();

  const times: number[] = [];
  for (let pass = 0; pass < WARMUP + PASSES; pass++) {
    const dueAt = clock + 60_000;
    for (let i = 0; i < DUE_NOW; i++) {
      await scheduler.schedule({ tenantId: TENANT, teamId: `19:group-${i % GROUPS}@thread.tacv2`, kind: 'due-soon', key: `now-${pass}-${i}`, dueAt: new Date(dueAt) });
    }
    clock = dueAt;
    lookupDone = 0;
    const t = performance.now();
    const r = await scheduler.tick();
    if (r.ran !== DUE_NOW) throw new Error(`expected ${DUE_NOW} due jobs, ran ${r.ran}`);
    if (pass >= WARMUP) times.push(lookupDone - t);
  }
  return median(times);
}

async function main(): Promise<void> {
  const azurite = await startAzurite();
  try {
    const small = await measure(azurite.connectionString, 1_000);
    const large = await measure(azurite.connectionString, 100_000);
    report({ bench: 'due-lookup', name: 'lookup, 1,000 items stored', value: small, unit: 'ms' });
    report({ bench: 'due-lookup', name: 'lookup, 100,000 items stored', value: large, unit: 'ms' });
    const ratio = large / small;
    report({ bench: 'due-lookup', name: 'ratio 100k / 1k', value: ratio, unit: '×', baseline: 'lookup with 1,000 items', goal: '≤ 2', pass: ratio <= 2 });
  } finally {
    await azurite.stop();
  }
}

void main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
