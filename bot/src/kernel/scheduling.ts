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
