import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { JobRef, JobStore, StoredJob, VersionedJob } from '../scheduler/job-store.port';
import { toKey } from './keys';
import type { TableClients } from './table-client.factory';
import { getOrUndefined, statusOf, toDomainError } from './storage-errors';

interface JobEntity {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  teamId: string;
  kind: string;
  key: string;
  dueAt: Date;
  payload: string;
  state: StoredJob['state'];
  attempts: number;
  leaseUntil?: Date;
  owner?: string;
  notBefore?: Date;
  note?: string;
  finishedAt?: Date;
}

/** A string property holds at most 32k characters: stay well below with room for one more entry. */
const CHUNK_CHARS = 28_000;
const CURSOR = { partitionKey: 'cursor', rowKey: 'scheduler' };
/** Entries appended to a chunk at once: far below what a chunk holds, so an empty chunk always takes them. */
const APPEND_AT_MOST = 50;
/** Azure Tables' limit of operations in one transaction. */
const MAX_TRANSACTION = 100;

/**
 * Jobs live in their group's partition (PK tenant|team, RK kind|key). The index keeps, per
 * due minute (PK = bucket), numbered chunks of job references; readers walk chunks 0, 1, 2…
 * by point reads until one is missing. Writers append with ETags and remember where the last
 * chunk was, so adding jobs stays cheap however many fall due in one minute.
 */
export class TableJobStore implements JobStore {
  /** A hint per due minute (where its last chunk was): bounded, since minutes never repeat. */
  private readonly lastChunk = new Map<string, number>();

  constructor(
    private readonly jobs: TableClient,
    private readonly index_: TableClient,
    private readonly cursors: TableClient,
  ) {}

  async get(ref: JobRef): Promise<VersionedJob | undefined> {
    const e = await getOrUndefined(() => this.jobs.getEntity<JobEntity>(toKey(ref.tenantId, ref.teamId), toKey(ref.kind, ref.key)));
    return e && { job: fromEntity(e), etag: e.etag };
  }

  async create(job: StoredJob): Promise<boolean> {
    try {
      await this.jobs.createEntity(toEntity(job));
      return true;
    } catch (err) {
      if (statusOf(err) === 409) return false;
      throw toDomainError(err);
    }
  }

  async createAll(jobs: readonly StoredJob[]): Promise<({ created: true } | { created: false; existing?: VersionedJob })[]> {
    type Result = { created: true } | { created: false; existing?: VersionedJob };
    if (jobs.length === 1) return [{ created: await this.create(jobs[0]!) } as Result];
    const results: Result[] = Array.from({ length: jobs.length }, () => ({ created: false }));
    const byPartition = new Map<string, number[]>();
    jobs.forEach((j, i) => {
      const pk = toKey(j.tenantId, j.teamId);
      byPartition.set(pk, [...(byPartition.get(pk) ?? []), i]);
    });
    const chunks = [...byPartition.values()].flatMap((idx) => Array.from({ length: Math.ceil(idx.length / MAX_TRANSACTION) }, (_, c) => idx.slice(c * MAX_TRANSACTION, (c + 1) * MAX_TRANSACTION)));
    await Promise.all(
      chunks.map(async (idx) => {
        // Distinct keys only: a transaction may not name a row twice (the repeat is not created).
        const firstOf = new Map<string, number>();
        for (const i of idx) if (!firstOf.has(jobs[i]!.kind + '\u0000' + jobs[i]!.key)) firstOf.set(jobs[i]!.kind + '\u0000' + jobs[i]!.key, i);
        const distinct = [...firstOf.values()];
        try {
          await this.jobs.submitTransaction(distinct.map((i): TransactionAction => ['create', { ...toEntity(jobs[i]!) }]));
          for (const i of distinct) results[i] = { created: true };
        } catch (err) {
          // A key scheduled before fails the whole transaction (a change of settings or of a due
          // date schedules jobs that mostly exist): read each, create only those missing.
          if (statusOf(err) !== 409) throw toDomainError(err);
          await Promise.all(
            distinct.map(async (i) => {
              const existing = await this.get(jobs[i]!);
              results[i] = existing ? { created: false, existing } : { created: await this.create(jobs[i]!) };
            }),
          );
        }
      }),
    );
    return results;
  }

  async replace(job: StoredJob, etag: string): Promise<string | false> {
    try {
      const res = await this.jobs.updateEntity(toEntity(job), 'Replace', { etag });
      return res.etag ?? '';
    } catch (err) {
      if (statusOf(err) === 412) return false;
      throw toDomainError(err);
    }
  }

  index(bucket: string, ref: JobRef): Promise<void> {
    return this.append(bucket, [ref]);
  }

  async indexAll(entries: readonly { bucket: string; ref: JobRef }[]): Promise<void> {
    const byBucket = new Map<string, JobRef[]>();
    for (const e of entries) byBucket.set(e.bucket, [...(byBucket.get(e.bucket) ?? []), e.ref]);
    // Minutes are partitions of their own: their appends do not wait on each other.
    await Promise.all(
      [...byBucket].map(async ([bucket, refs]) => {
        for (let i = 0; i < refs.length; i += APPEND_AT_MOST) await this.append(bucket, refs.slice(i, i + APPEND_AT_MOST));
      }),
    );
  }

  private async append(bucket: string, refs: readonly JobRef[]): Promise<void> {
    const added = refs.map((ref) => [ref.tenantId, ref.teamId, ref.kind, ref.key]);
    for (let chunk = this.lastChunk.get(bucket) ?? 0; ;) {
      const row = await getOrUndefined(() => this.index_.getEntity<{ entries: string }>(bucket, chunkKey(chunk)));
      if (!row) {
        if (chunk === 0) await this.markMinute(bucket);
        try {
          await this.index_.createEntity({ partitionKey: bucket, rowKey: chunkKey(chunk), entries: JSON.stringify(added) });
          this.remember(bucket, chunk);
          return;
        } catch (err) {
          if (statusOf(err) !== 409) throw toDomainError(err);
          continue; // another writer created it a moment ago: read it and try again
        }
      }
      const entries = JSON.parse(row.entries) as string[][];
      const next = JSON.stringify([...entries, ...added]);
      if (next.length > CHUNK_CHARS && entries.length > 0) {
        chunk++;
        continue;
      }
      try {
        await this.index_.updateEntity({ partitionKey: bucket, rowKey: chunkKey(chunk), entries: next }, 'Replace', { etag: row.etag });
        this.remember(bucket, chunk);
        return;
      } catch (err) {
        if (statusOf(err) !== 412) throw toDomainError(err);
      }
    }
  }

  private remember(bucket: string, chunk: number): void {
    // Losing the hint costs a few point reads on the next append to that minute, nothing more.
    if (this.lastChunk.size >= 1_000 && !this.lastChunk.has(bucket)) this.lastChunk.clear();
    this.lastChunk.set(bucket, chunk);
  }

  async indexed(bucket: string): Promise<JobRef[]> {
    const refs: JobRef[] = [];
    for (let chunk = 0; ; chunk++) {
      const row = await getOrUndefined(() => this.index_.getEntity<{ entries: string }>(bucket, chunkKey(chunk)));
      if (!row) return refs;
      for (const [tenantId, teamId, kind, key] of JSON.parse(row.entries) as string[][]) {
        refs.push({ tenantId: tenantId!, teamId: teamId!, kind: kind!, key: key! });
      }
    }
  }

  async minutesIn(hour: string): Promise<string[]> {
    const row = await getOrUndefined(() => this.index_.getEntity<{ minutes: string }>(`h${hour}`, 'minutes'));
    return row ? (JSON.parse(row.minutes) as string[]) : [];
  }

  private async markMinute(bucket: string): Promise<void> {
    const pk = `h${bucket.slice(0, 10)}`;
    for (;;) {
      const row = await getOrUndefined(() => this.index_.getEntity<{ minutes: string }>(pk, 'minutes'));
      const minutes = row ? (JSON.parse(row.minutes) as string[]) : [];
      if (minutes.includes(bucket)) return;
      const entity = { partitionKey: pk, rowKey: 'minutes', minutes: JSON.stringify([...minutes, bucket].sort()) };
      try {
        if (row) await this.index_.updateEntity(entity, 'Replace', { etag: row.etag });
        else await this.index_.createEntity(entity);
        return;
      } catch (err) {
        const status = statusOf(err);
        if (status !== 412 && status !== 409) throw toDomainError(err);
      }
    }
  }

  async cursor(): Promise<{ through: string; etag: string } | undefined> {
    const e = await getOrUndefined(() => this.cursors.getEntity<{ through: string }>(CURSOR.partitionKey, CURSOR.rowKey));
    return e && { through: e.through, etag: e.etag };
  }

  async advance(through: string, etag: string | undefined): Promise<boolean> {
    try {
      if (etag === undefined) await this.cursors.createEntity({ ...CURSOR, through });
      else await this.cursors.updateEntity({ ...CURSOR, through }, 'Replace', { etag });
      return true;
    } catch (err) {
      const status = statusOf(err);
      if (status === 412 || status === 409) return false;
      throw toDomainError(err);
    }
  }
}

function chunkKey(n: number): string {
  return `c${String(n).padStart(5, '0')}`;
}

function toEntity(j: StoredJob): JobEntity {
  const e: JobEntity = {
    partitionKey: toKey(j.tenantId, j.teamId),
    rowKey: toKey(j.kind, j.key),
    tenantId: j.tenantId,
    teamId: j.teamId,
    kind: j.kind,
    key: j.key,
    dueAt: j.dueAt,
    payload: JSON.stringify(j.payload ?? {}),
    state: j.state,
    attempts: j.attempts,
  };
  if (j.leaseUntil) e.leaseUntil = j.leaseUntil;
  if (j.owner) e.owner = j.owner;
  if (j.notBefore) e.notBefore = j.notBefore;
  if (j.note) e.note = j.note;
  if (j.finishedAt) e.finishedAt = j.finishedAt;
  return e;
}

function fromEntity(e: JobEntity): StoredJob {
  const j: StoredJob = {
    tenantId: e.tenantId,
    teamId: e.teamId,
    kind: e.kind,
    key: e.key,
    dueAt: new Date(e.dueAt),
    payload: JSON.parse(e.payload) as StoredJob['payload'],
    state: e.state,
    attempts: e.attempts,
  };
  if (e.leaseUntil) j.leaseUntil = new Date(e.leaseUntil);
  if (e.owner) j.owner = e.owner;
  if (e.notBefore) j.notBefore = new Date(e.notBefore);
  if (e.note) j.note = e.note;
  if (e.finishedAt) j.finishedAt = new Date(e.finishedAt);
  return j;
}

export const JOB_TABLES = ['jobs', 'jobIndex', 'jobCursor'] as const;
export type JobTable = (typeof JOB_TABLES)[number];

/** The scheduler's store over its three tables. */
export function createJobStore(tables: TableClients<JobTable>): TableJobStore {
  return new TableJobStore(tables.table('jobs'), tables.table('jobIndex'), tables.table('jobCursor'));
}
