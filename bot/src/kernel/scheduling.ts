import type { GroupRef } from './identity';

/**
 * Durable, idempotent scheduled work. A job's key is deterministic (e.g.
 * `due-soon|<item>|2027-02-01`): scheduling the same key twice is one job, and the scheduler
 * runs each job once across any number of instances (an instance claims it with an
 * ETag-conditional write carrying a lease; a crashed instance's claim expires).
 */
export interface JobSpec extends GroupRef {
  /** Which handler runs it (a feature's JobHandler.kind). */
  kind: string;
  /** Deterministic and unique per kind; letters, digits and - _ . : @ | only. */
  key: string;
  dueAt: Date;
  /** Small facts the handler needs; it re-reads everything else from storage when it runs. */
  payload?: Record<string, string | number | boolean>;
}

export interface DueJob extends JobSpec {
  /** How late the run is (ms after dueAt), so a post can say it comes late after downtime. */
  lateByMs: number;
  attempt: number;
}

export type JobOutcome =
  | { status: 'done'; note?: string }
  /** Nothing to do any more (item closed, poll already closed…): recorded as skipped. */
  | { status: 'skipped'; reason: string }
  /** Try again later (transient failure); after a bounded number of attempts it is recorded as failed. */
  | { status: 'retry'; reason: string }
  | { status: 'failed'; reason: string };

export interface JobResult {
  outcome: JobOutcome;
  /** Jobs to schedule next (the next weekly digest, the next overdue reminder…). */
  next?: JobSpec[];
}

export interface JobHandler {
  readonly kind: string;
  /**
   * Jobs due in one scheduler pass with the same batch key run together (several items of
   * one owner in one post). Default: each job alone.
   */
  batchKey?(job: DueJob): string;
  run(jobs: DueJob[]): Promise<JobResult[]>;
  /**
   * A recurring job's next occurrence. Asked once the job is finished whatever its outcome
   * (done, skipped, or failed after its last attempt: one digest that cannot be built must
   * not end the series), and what it returns is scheduled before the job is recorded as
   * finished. A retry is not finished, so it is not asked. After a crash, or when an instance
   * whose lease ran out finishes too, it may be asked twice for one run: it must answer the
   * same (deterministic keys, its own record of the series moved on with an ETag).
   */
  following?(job: DueJob): Promise<JobSpec[]>;
  /** Told once when a job is recorded as failed for good, to explain it to whoever should know. */
  failed?(job: DueJob, failure: JobFailure): Promise<void>;
}

export interface JobFailure {
  /** Stable: a QuorumError's code, 'internal' for any other throw, or the handler's own reason ('send-failed'). */
  code: string;
  /** A short reference, also in the scheduler's log line. */
  ref: string;
  /** What the last attempt threw, if it threw (explained through the catalogue, never shown as is). */
  error?: unknown;
  /** What `following` scheduled, so the explanation can say when the next run is. */
  next: JobSpec[];
}

export interface Scheduler {
  /** Idempotent: a key already scheduled keeps its first due time unless `replace` is set. */
  schedule(job: JobSpec, opts?: { replace?: boolean }): Promise<void>;
  /**
   * The same for several jobs (an entity's reminders), written together: a few round trips,
   * not a few per job. Optional, so a stand-in with `schedule` alone still is a Scheduler.
   */
  scheduleAll?(jobs: readonly JobSpec[], opts?: { replace?: boolean }): Promise<void>;
}

/** Schedules an entity's jobs together where the scheduler can, one by one where it cannot. */
export async function scheduleAll(scheduler: Scheduler, jobs: readonly JobSpec[], opts: { replace?: boolean } = {}): Promise<void> {
  if (scheduler.scheduleAll) return scheduler.scheduleAll(jobs, opts);
  for (const job of jobs) await scheduler.schedule(job, opts);
}
