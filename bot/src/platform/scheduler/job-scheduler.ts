import { randomBytes } from 'node:crypto';
import type { Clock } from '../../kernel/clock';
import { isQuorumError } from '../../kernel/errors';
import type { DueJob, JobHandler, JobOutcome, JobResult, JobSpec, Scheduler } from '../../kernel/scheduling';
import type { Logger } from '../logging/logger';
import { bucketOf, bucketsBetween, nextBucket } from './buckets';
import type { JobRef, JobStore, StoredJob, VersionedJob } from './job-store.port';
import { mapLimit } from '../../kernel/map-limit';

export interface SchedulerOptions {
  /** Identifies this instance in claims (logs and diagnosis only). */
  instanceId: string;
  /** How long a claim protects a job; a crashed instance's jobs are taken over after it. */
  leaseMs: number;
  /** Attempts before a job that keeps failing is recorded as failed. */
  maxAttempts: number;
  /** Delay before a transient failure is retried (multiplied by the attempt number). */
  retryDelayMs: number;
  /** After a longer downtime, older due jobs are recorded as failed instead of being sent late. */
  maxCatchUpMs: number;
  /** Batches run at once in one pass. */
  concurrency: number;
  /** Time between passes (plus jitter, so instances do not tick in step). */
  tickMs: number;
}

export const DEFAULT_SCHEDULER_OPTIONS: Omit<SchedulerOptions, 'instanceId'> = {
  leaseMs: 5 * 60_000,
  maxAttempts: 5,
  retryDelayMs: 60_000,
  maxCatchUpMs: 31 * 24 * 3_600_000,
  // Posts wait for the notifier's rate slots, not the CPU: enough batches in flight keep the
  // slots used (500 groups due at once finish near the floor Teams' limits allow).
  concurrency: 16,
  tickMs: 30_000,
};

export interface TickReport {
  buckets: number;
  due: number;
  ran: number;
  outcomes: Record<JobOutcome['status'], number>;
  cursor: string;
}

const TERMINAL = new Set<StoredJob['state']>(['done', 'skipped', 'failed']);
/**
 * Errors another attempt may not meet (storage, races, an unexpected state); any other domain
 * error (a card too large to build, a refusal) comes back the same on every attempt.
 */
const TRANSIENT = new Set<string>(['storage-unavailable', 'concurrent-update', 'conflict', 'internal']);

/**
 * Runs each due job once across any number of instances (DESIGN rule 8): a job is claimed
 * with an ETag-conditional write carrying a lease, run, then recorded as finished. A shared
 * cursor marks the last minute whose jobs are all finished; passes read only the minutes
 * after it, so the work of a pass follows the jobs due, not the jobs stored. After downtime
 * the missed minutes are read once and their jobs run once, late (handlers see `lateByMs`).
 */
export class JobScheduler implements Scheduler {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly store: JobStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly opts: SchedulerOptions,
  ) {}

  register(handlers: readonly JobHandler[]): void {
    for (const h of handlers) {
      if (this.handlers.has(h.kind)) throw new Error(`job kind "${h.kind}" registered twice`);
      this.handlers.set(h.kind, h);
    }
  }

  schedule(spec: JobSpec, opts: { replace?: boolean } = {}): Promise<void> {
    return this.scheduleAll([spec], opts);
  }

  /**
   * The jobs are created together (one transaction per group) while the cursor is read, then
   * indexed together (one append per minute, the minutes at once), then the cursor is read
   * once more: a few round trips for an entity's jobs, most of them side by side.
   */
  async scheduleAll(specs: readonly JobSpec[], opts: { replace?: boolean } = {}): Promise<void> {
    if (specs.length === 0) return;
    const [created, cursor] = await Promise.all([this.store.createAll(specs.map((spec) => ({ ...spec, state: 'pending', attempts: 0 }))), this.ensureCursor(this.clock.now())]);
    const moved = await Promise.all(specs.map((spec, i) => (created[i]!.created ? true : opts.replace ? this.moveExisting(spec, created[i]!.existing) : false)));
    await this.indexJobs(
      specs.filter((_, i) => moved[i]),
      cursor,
    );
  }

  /** A key scheduled before keeps its job; `replace` moves a pending one to the new time. */
  private async moveExisting(spec: JobSpec, read?: VersionedJob): Promise<boolean> {
    const existing = read ?? (await this.store.get(spec));
    if (!existing || TERMINAL.has(existing.job.state) || existing.job.dueAt.getTime() === spec.dueAt.getTime()) return false;
    return (await this.store.replace({ ...existing.job, dueAt: spec.dueAt, payload: spec.payload ?? {} }, existing.etag)) !== false;
  }

  /** Starts the passes; the first one runs at once. */
  start(): void {
    if (this.timer) return;
    const loop = async () => {
      this.running = this.tick().catch((err: unknown) => this.logger.warn({ err }, 'scheduler pass failed; next pass retries'));
      await this.running;
      if (this.timer) this.timer = setTimeout(loop, this.opts.tickMs + Math.random() * this.opts.tickMs * 0.2);
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass: everything due now, run once. Tests drive it directly with a fake clock. */
  async tick(): Promise<TickReport> {
    const now = this.clock.now();
    const cursor = await this.ensureCursor(now);
    let from = cursor.through;
    const oldest = bucketOf(new Date(now.getTime() - this.opts.maxCatchUpMs));
    if (from < oldest) {
      this.logger.warn({ from, oldest }, 'scheduler was stopped for longer than the catch-up window; older jobs are not sent');
      from = oldest;
    }
    const buckets = bucketsBetween(from, bucketOf(now));
    const report: TickReport = { buckets: buckets.length, due: 0, ran: 0, outcomes: { done: 0, skipped: 0, retry: 0, failed: 0 }, cursor: cursor.through };
    if (buckets.length === 0) return report;

    const listed = new Set(await this.minutesToRead(buckets));
    const refsByBucket = await mapLimit(buckets, this.opts.concurrency, (b) => (listed.has(b) ? this.store.indexed(b) : Promise.resolve([])));
    const seen = new Set<string>();
    const loaded = await mapLimit(
      refsByBucket.flatMap((refs, i) => refs.filter((r) => !seen.has(refKey(r)) && seen.add(refKey(r))).map((r) => ({ bucket: buckets[i]!, ref: r }))),
      this.opts.concurrency,
      async ({ bucket, ref }) => ({ bucket, ref, current: await this.store.get(ref) }),
    );

    const runnable = loaded.filter((l) => l.current && this.isRunnable(l.current.job, now)) as { bucket: string; ref: JobRef; current: VersionedJob }[];
    report.due = runnable.length;
    const batches = this.batch(
      runnable.map((r) => r.current),
      now,
    );
    const results = (await mapLimit(batches, this.opts.concurrency, (b) => this.runBatch(b, now))).flat();
    const finished = new Set(loaded.filter((l) => !l.current || TERMINAL.has(l.current.job.state)).map((l) => refKey(l.ref)));
    for (const r of results) {
      report.ran++;
      report.outcomes[r.status]++;
      if (r.status !== 'retry') finished.add(refKey(r.job));
    }

    // The cursor moves past a minute only when every job in it is finished; a job another
    // instance holds, or one waiting to be retried, keeps its minute (and later ones) open.
    let through = cursor.through;
    for (const [i, bucket] of buckets.entries()) {
      if (!refsByBucket[i]!.every((r) => finished.has(refKey(r)))) break;
      through = bucket;
    }
    if (through > cursor.through && (await this.store.advance(through, cursor.etag))) report.cursor = through;
    return report;
  }

  /**
   * A normal pass reads its minute or two directly. A catch-up reads, for each whole hour
   * missed, the hour's summary of minutes that hold jobs, then only those minutes.
   */
  private async minutesToRead(buckets: string[]): Promise<string[]> {
    if (buckets.length <= 120) return buckets;
    const byHour = new Map<string, string[]>();
    for (const b of buckets) byHour.set(b.slice(0, 10), [...(byHour.get(b.slice(0, 10)) ?? []), b]);
    const lists = await mapLimit([...byHour.entries()], this.opts.concurrency, async ([hour, minutes]) => (minutes.length === 60 ? this.store.minutesIn(hour) : minutes));
    return lists.flat();
  }

  private isRunnable(job: StoredJob, now: Date): boolean {
    if (TERMINAL.has(job.state) || job.dueAt > now) return false;
    if (job.notBefore && job.notBefore > now) return false;
    return job.state === 'pending' || !job.leaseUntil || job.leaseUntil <= now;
  }

  private batch(jobs: VersionedJob[], now: Date): VersionedJob[][] {
    const groups = new Map<string, VersionedJob[]>();
    for (const v of jobs) {
      const handler = this.handlers.get(v.job.kind);
      const due = toDue(v.job, now);
      const key = `${v.job.kind}|${handler?.batchKey ? handler.batchKey(due) : refKey(v.job)}`;
      groups.set(key, [...(groups.get(key) ?? []), v]);
    }
    return [...groups.values()];
  }

  private async runBatch(batch: VersionedJob[], now: Date): Promise<{ job: StoredJob; status: JobOutcome['status'] }[]> {
    const claimed: VersionedJob[] = [];
    for (const v of batch) {
      const claim: StoredJob = { ...v.job, state: 'claimed', owner: this.opts.instanceId, leaseUntil: new Date(now.getTime() + this.opts.leaseMs), attempts: v.job.attempts + 1 };
      const etag = await this.store.replace(claim, v.etag);
      if (etag) claimed.push({ job: claim, etag });
    }
    if (claimed.length === 0) return [];
    const kind = claimed[0]!.job.kind;
    const handler = this.handlers.get(kind);
    let results: JobResult[];
    let thrown: unknown;
    if (!handler) {
      results = claimed.map(() => ({ outcome: { status: 'failed', reason: 'no-handler' } }));
    } else {
      try {
        results = await handler.run(claimed.map((c) => toDue(c.job, now)));
      } catch (err) {
        thrown = err;
        this.logger.warn({ err, kind }, 'job handler failed');
        // A domain refusal (a card too large to build…) would be met again: it fails now and is explained.
        const outcome: JobOutcome = isQuorumError(err) && !TRANSIENT.has(err.code) ? { status: 'failed', reason: err.code } : { status: 'retry', reason: 'handler-error' };
        results = claimed.map(() => ({ outcome }));
      }
    }
    return Promise.all(claimed.map(async (c, i) => ({ job: c.job, status: await this.finish(c, handler, results[i] ?? { outcome: { status: 'retry', reason: 'no-result' } }, thrown) })));
  }

  private async finish(v: VersionedJob, handler: JobHandler | undefined, result: JobResult, thrown: unknown): Promise<JobOutcome['status']> {
    const now = this.clock.now();
    let outcome = result.outcome;
    if (outcome.status === 'retry' && v.job.attempts >= this.opts.maxAttempts) outcome = { status: 'failed', reason: `gave-up: ${outcome.reason}` };
    const due = toDue(v.job, now);
    const following = [...(result.next ?? [])];
    if (outcome.status !== 'retry' && handler?.following) {
      try {
        following.push(...(await handler.following(due)));
      } catch (err) {
        // The series must go on: while attempts remain, the job is retried (handlers are idempotent) and asked again.
        if (v.job.attempts < this.opts.maxAttempts) outcome = { status: 'retry', reason: 'next-run-not-scheduled' };
        else this.logger.error({ err, code: 'next-run-lost', kind: v.job.kind, key: v.job.key }, 'recurring job could not schedule its next run');
      }
    }
    // Scheduled before the job is recorded as finished: a crash in between leaves the job
    // claimed, so it is run and asked again once its lease expires, never left without a next run.
    for (const spec of following) await this.schedule(spec);
    const { leaseUntil: _l, owner: _o, notBefore: _n, ...rest } = v.job;
    const next: StoredJob =
      outcome.status === 'retry'
        ? { ...rest, state: 'pending', notBefore: new Date(now.getTime() + this.opts.retryDelayMs * v.job.attempts), note: outcome.reason }
        : { ...rest, state: outcome.status, finishedAt: now, note: 'reason' in outcome ? outcome.reason : (outcome.note ?? '') };
    const recorded = await this.store.replace(next, v.etag);
    if (!recorded) {
      // Our lease ran out and another instance took the job over: its record wins.
      this.logger.warn({ kind: v.job.kind, key: v.job.key }, 'job finished after its lease expired');
    }
    if (recorded && outcome.status === 'failed') await this.explainFailure(handler, due, outcome.reason, thrown, following);
    this.logger.info({ kind: v.job.kind, key: v.job.key, status: outcome.status, attempt: v.job.attempts }, 'job run');
    return outcome.status;
  }

  /** One error line with a stable code and a reference; the handler explains it to people with the same reference. */
  private async explainFailure(handler: JobHandler | undefined, job: DueJob, reason: string, thrown: unknown, next: JobSpec[]): Promise<void> {
    const ref = randomBytes(4).toString('hex');
    const code = isQuorumError(thrown) ? thrown.code : thrown !== undefined ? 'internal' : reason.replace(/^gave-up: /, '');
    this.logger.error({ ref, code, kind: job.kind, key: job.key, attempt: job.attempt, next: next.map((n) => n.key) }, 'job failed');
    if (!handler?.failed) return;
    try {
      await handler.failed(job, { code, ref, error: thrown, next });
    } catch (err) {
      this.logger.warn({ err, ref, kind: job.kind }, 'job failure could not be explained');
    }
  }

  private async ensureCursor(now: Date): Promise<{ through: string; etag: string | undefined }> {
    const cursor = await this.store.cursor();
    if (cursor) return cursor;
    await this.store.advance(bucketOf(new Date(now.getTime() - 60_000)), undefined);
    const created = await this.store.cursor();
    if (!created) throw new Error('scheduler cursor could not be created');
    return created;
  }

  /**
   * A job due before the cursor would never be read: it goes in the first minute after the
   * cursor instead. If the cursor moves past that minute while we write, index it again
   * further on; a job listed twice still runs once (its state says so).
   */
  private async indexJobs(specs: readonly JobSpec[], cursor: { through: string }): Promise<void> {
    if (specs.length === 0) return;
    const placed = specs.map((spec) => {
      const at = bucketOf(spec.dueAt);
      return { bucket: at > cursor.through ? at : nextBucket(cursor.through), ref: spec };
    });
    await this.store.indexAll(placed);
    const after = await this.store.cursor();
    const passed = after ? placed.filter((p) => after.through >= p.bucket) : [];
    if (after && passed.length > 0) await this.store.indexAll(passed.map((p) => ({ bucket: nextBucket(after.through), ref: p.ref })));
  }
}

function toDue(job: StoredJob, now: Date): DueJob {
  const due: DueJob = {
    tenantId: job.tenantId,
    teamId: job.teamId,
    kind: job.kind,
    key: job.key,
    dueAt: job.dueAt,
    lateByMs: Math.max(0, now.getTime() - job.dueAt.getTime()),
    attempt: job.attempts,
  };
  if (job.payload) due.payload = job.payload;
  return due;
}

function refKey(r: JobRef): string {
  return [r.tenantId, r.teamId, r.kind, r.key].join('\u0000');
}

export function newInstanceId(): string {
  return `${process.pid}-${randomBytes(3).toString('hex')}`;
}
