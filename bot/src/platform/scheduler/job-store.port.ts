import type { JobSpec } from '../../kernel/scheduling';

export type JobState = 'pending' | 'claimed' | 'done' | 'skipped' | 'failed';

export interface StoredJob extends JobSpec {
  state: JobState;
  attempts: number;
  /** A claim is valid until then; afterwards any instance may take the job over. */
  leaseUntil?: Date;
  owner?: string;
  /** After a transient failure, not before then. */
  notBefore?: Date;
  note?: string;
  finishedAt?: Date;
}

export interface JobRef {
  tenantId: string;
  teamId: string;
  kind: string;
  key: string;
}

export interface VersionedJob {
  job: StoredJob;
  etag: string;
}

/**
 * Storage for the scheduler, built on point reads and ETag-conditional writes only, so its
 * cost follows the number of due jobs, not the number stored (and the same holds on Azurite,
 * whose filtered queries scan whole tables).
 */
export interface JobStore {
  get(ref: JobRef): Promise<VersionedJob | undefined>;
  /** Creates a pending job; false when the key exists already. */
  create(job: StoredJob): Promise<boolean>;
  /**
   * Creates pending jobs, one transaction per group partition where none exists yet (a
   * group's jobs share one); for each, whether it was created, or else the job its key holds
   * (when read: an existing job is read instead of being created a second time).
   */
  createAll(jobs: readonly StoredJob[]): Promise<({ created: true } | { created: false; existing?: VersionedJob })[]>;
  /** Conditional on the etag: false when another instance changed it first. */
  replace(job: StoredJob, etag: string): Promise<string | false>;
  /** Adds a job to the index of the minute it falls due in. */
  index(bucket: string, ref: JobRef): Promise<void>;
  /** Adds jobs to the index of the minute each falls due in: one append per minute, the minutes at once. */
  indexAll(entries: readonly { bucket: string; ref: JobRef }[]): Promise<void>;
  /** The jobs indexed in a minute (possibly with duplicates). */
  indexed(bucket: string): Promise<JobRef[]>;
  /**
   * The minutes of an hour ("YYYYMMDDHH") that may hold jobs. Written before a minute's
   * first entry, so a catch-up after downtime reads one row per hour, not sixty.
   */
  minutesIn(hour: string): Promise<string[]>;
  /** The last minute whose jobs are all finished, shared by every instance. */
  cursor(): Promise<{ through: string; etag: string } | undefined>;
  /** Moves the cursor forward; false when another instance moved it first. */
  advance(through: string, etag: string | undefined): Promise<boolean>;
}
