import type { TableClient, TransactionAction } from '@azure/data-tables';
import { setTimeout as sleep } from 'node:timers/promises';
import { QuorumError } from '../../../kernel/errors';
import { pollClosed } from '../domain/cast-vote.use-case';
import { ballotSlots, type Ballot, type Poll } from '../domain/poll';
import type { CastResult } from '../domain/ports';
import { getOrUndefined, toDomainError } from '../../../platform/storage/storage-errors';
import { ANONYMOUS_COUNTER_ROW, markerRow, pollPartition, shiftedCounts, type MarkerEntity, type ShardEntity } from './poll-entities';

/** A transaction holds at most 100 operations: the counter row and 99 markers. */
const MAX_BATCH = 99;
const MAX_ATTEMPTS = 60;
const conflictError = () => new QuorumError('conflict', 'votes kept colliding');
const concurrentError = () => new QuorumError('concurrent-update', 'the counter kept changing');

interface Waiting {
  voter: string;
  slots: number[];
  done: (r: CastResult) => void;
  fail: (err: unknown) => void;
}

/**
 * Anonymous votes. Each commit is ONE transaction: the voters' markers are created and the
 * poll's single counter row (the total of every ballot, under its ETag) is replaced. No row
 * ever holds part of the ballots, so whatever a reader of storage sees (Timestamps, ETags,
 * row order) the only ballot information is the total of everyone who has voted.
 *
 * One counter row means every vote writes the same row. So that a burst does not turn into
 * a queue of failed ETag writes, the votes that arrive at this instance while a commit is in
 * flight are committed together in the next one (group commit); other instances still meet
 * on the ETag and retry.
 */
export class AnonymousBallotBox {
  private readonly queues = new Map<string, Waiting[]>();

  constructor(private readonly table: TableClient) {}

  cast(poll: Poll, voterAadObjectId: string, ballot: Ballot): Promise<CastResult> {
    const pk = pollPartition(poll, poll.id);
    return new Promise((done, fail) => {
      const queue = this.queues.get(pk);
      const waiting: Waiting = { voter: voterAadObjectId.toLowerCase(), slots: ballotSlots(poll, ballot), done, fail };
      if (queue) return void queue.push(waiting);
      this.queues.set(pk, [waiting]);
      void this.drain(pk);
    });
  }

  /** Commits what is queued for the poll, batch after batch, until nothing is left. */
  private async drain(pk: string): Promise<void> {
    const queue = this.queues.get(pk)!;
    while (queue.length > 0) {
      const batch: Waiting[] = [];
      const seen = new Set<string>();
      // A voter twice in one batch (a double submit) waits for the next: it then finds its marker.
      for (let i = 0; i < queue.length && batch.length < MAX_BATCH;) {
        if (seen.has(queue[i]!.voter)) i++;
        else {
          seen.add(queue[i]!.voter);
          batch.push(...queue.splice(i, 1));
        }
      }
      await this.commit(pk, batch);
    }
    this.queues.delete(pk);
  }

  /** Settles every vote of the batch (recorded, already voted, or the error); never throws. */
  private async commit(pk: string, batch: Waiting[]): Promise<void> {
    let left = batch;
    try {
      for (let attempt = 1; ; attempt++) {
        // The counter and the batch's markers are read together: one round trip. Someone who has
        // voted is answered here, so a member repeating a vote never fails other voters' writes.
        const [counter, voted] = await Promise.all([
          getOrUndefined(() => this.table.getEntity<ShardEntity>(pk, ANONYMOUS_COUNTER_ROW)),
          Promise.all(left.map((w) => getOrUndefined(() => this.table.getEntity<MarkerEntity>(pk, markerRow(w.voter))))),
        ]);
        if (!counter) throw new QuorumError('not-found', 'no such poll', { reason: 'polls.errors.notFound' });
        if (counter.sealed) throw pollClosed();
        left = left.filter((w, i) => (voted[i] ? void w.done({ outcome: 'already-voted' }) : true));
        if (left.length === 0) return;
        const status = await this.write(pk, counter as ShardEntity & { etag: string }, left);
        if (status === 'committed') return left.forEach((w) => w.done({ outcome: 'recorded' }));
        if (attempt >= MAX_ATTEMPTS) throw status === 409 ? conflictError() : concurrentError();
        await sleep(Math.random() * Math.min(50, 2 * attempt));
      }
    } catch (err) {
      for (const w of left) w.fail(toDomainError(err));
    }
  }

  /**
   * One transaction: the markers created, the counter replaced under its ETag. A 412 (another
   * instance wrote the counter) or 409 (a marker appeared since the read) is returned, not thrown.
   */
  private async write(pk: string, counter: ShardEntity & { etag: string }, left: Waiting[]): Promise<'committed' | 409 | 412> {
    const counts = shiftedCounts(
      counter.counts,
      left.map((w) => ({ slots: w.slots, by: 1 as const })),
    );
    const updated = { partitionKey: pk, rowKey: ANONYMOUS_COUNTER_ROW, voters: counter.voters + left.length, counts, sealed: false };
    // Markers carry the voter only: no choice, no time of our own, no row number.
    const markers = left.map((w): TransactionAction => ['create', { partitionKey: pk, rowKey: markerRow(w.voter), aadObjectId: w.voter } satisfies MarkerEntity]);
    try {
      await this.table.submitTransaction([...markers, ['update', updated, 'Replace', { etag: counter.etag }]]);
      return 'committed';
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (status === 409 || status === 412) return status;
      throw err;
    }
  }
}
