import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { setTimeout as sleep } from 'node:timers/promises';
import { QuorumError } from '../../../kernel/errors';
import type { GroupRef } from '../../../kernel/identity';
import { pollClosed } from '../domain/cast-vote.use-case';
import { ballotSlots, emptyTally, sameBallot, tallySize, type Ballot, type Poll, type Tally } from '../domain/poll';
import type { CastResult, NamedVote, PollRepository } from '../domain/ports';
import type { Versioned } from '../../../kernel/versioned';
import { toKey } from '../../../platform/storage/keys';
import { AnonymousBallotBox } from './anonymous-ballot-box';
import { ShardLeases } from './shard-leases';
import { getOrUndefined, guard, toDomainError } from '../../../platform/storage/storage-errors';
import {
  fromPollEntity,
  markerRow,
  parseBallotJson,
  pollPartition,
  POLL_ROW,
  range,
  REFRESH_ROW,
  SHARDS,
  shardCount,
  shardRow,
  shiftedCounts,
  toPollEntity,
  voteRow,
  type MarkerEntity,
  type PollEntity,
  type ShardEntity,
  type VoteEntity,
} from './poll-entities';

/** Attempts at a vote before the conflict is reported (each picks a shard at random). */
const MAX_CAST_ATTEMPTS = 60;
/** Transactions sealing every shard at once before sealing them one by one. */
const SEAL_TOGETHER_TRIES = 5;

interface IndexEntity {
  partitionKey: string;
  rowKey: string;
}

/**
 * Polls in Azure Tables. A named vote is one transaction in the poll's partition: the voter's
 * row (created, or replaced under its ETag) together with one counter shard (under its ETag).
 * A stale ETag or a concurrent create fails the whole transaction, which is then retried
 * from fresh reads on another shard: never a vote without its count, never counted twice.
 * Anonymous votes go through the ballot box (markers and the poll's single counter row).
 */
export class TablePollRepository implements PollRepository {
  private readonly leases = new ShardLeases(SHARDS);
  private readonly ballotBox: AnonymousBallotBox;

  constructor(
    private readonly table: TableClient,
    /** Group partition → poll ids, for listing a group's polls. */
    private readonly index: TableClient,
  ) {
    this.ballotBox = new AnonymousBallotBox(table);
  }

  async get(group: GroupRef, pollId: string): Promise<Versioned<Poll> | undefined> {
    const e = await getOrUndefined(() => this.table.getEntity<PollEntity>(pollPartition(group, pollId), POLL_ROW));
    return e && { value: fromPollEntity(e), etag: e.etag };
  }

  async create(poll: Poll): Promise<Versioned<Poll>> {
    const pk = pollPartition(poll, poll.id);
    const zero = JSON.stringify(new Array<number>(tallySize(poll)).fill(0));
    const actions: TransactionAction[] = [
      ['create', toPollEntity(poll)],
      ['create', { partitionKey: pk, rowKey: REFRESH_ROW, windowStart: new Date(0) }],
      ...Array.from({ length: shardCount(poll) }, (_, n): TransactionAction => ['create', { partitionKey: pk, rowKey: shardRow(n), voters: 0, counts: zero, sealed: false }]),
    ];
    await guard(() => this.table.submitTransaction(actions));
    await guard(() => this.index.upsertEntity<IndexEntity>({ partitionKey: toKey(poll.tenantId, poll.teamId), rowKey: toKey(poll.id) }, 'Replace'));
    const e = await this.get(poll, poll.id);
    if (!e) throw new QuorumError('internal', 'poll vanished after create');
    return e;
  }

  async update(poll: Poll, etag: string): Promise<Versioned<Poll>> {
    const res = await guard(() => this.table.updateEntity(toPollEntity(poll), 'Replace', { etag }));
    return { value: poll, etag: res.etag ?? '' };
  }

  async list(group: GroupRef): Promise<Poll[]> {
    const ids = await guard(async () => {
      const out: string[] = [];
      const iter = this.index.listEntities<IndexEntity>({ queryOptions: { filter: odata`PartitionKey eq ${toKey(group.tenantId, group.teamId)}` } });
      for await (const e of iter) out.push(e.rowKey);
      return out;
    });
    const polls = await Promise.all(ids.map((id) => this.get(group, id)));
    // An index entry whose poll create failed is skipped (the index is written after the poll).
    return polls.flatMap((p) => (p ? [p.value] : []));
  }

  castNamed(poll: Poll, voter: { aadObjectId: string; name: string }, ballot: Ballot): Promise<CastResult> {
    const pk = pollPartition(poll, poll.id);
    const rk = voteRow(voter.aadObjectId);
    return this.withRetries(poll, async (shard) => {
      const existing = await getOrUndefined(() => this.table.getEntity<VoteEntity>(pk, rk));
      const old = existing && parseBallotJson(existing.ballot);
      if (old && sameBallot(old, ballot)) return { outcome: 'unchanged' };
      const counts = shiftedCounts(shard.counts, [...(old ? [{ slots: ballotSlots(poll, old), by: -1 as const }] : []), { slots: ballotSlots(poll, ballot), by: 1 }]);
      const vote: VoteEntity = { partitionKey: pk, rowKey: rk, aadObjectId: voter.aadObjectId.toLowerCase(), name: voter.name, ballot: JSON.stringify(ballot) };
      const updated = { partitionKey: pk, rowKey: shard.rowKey, voters: shard.voters + (old ? 0 : 1), counts, sealed: false };
      try {
        await this.table.submitTransaction([existing ? ['update', vote, 'Replace', { etag: existing.etag }] : ['create', vote], ['update', updated, 'Replace', { etag: shard.etag }]]);
      } catch (err) {
        // The row read a moment ago was removed (the voter's ballot withdrawn by `npm run person -- erase`): read again.
        if (existing && (err as { statusCode?: number }).statusCode === 404) throw Object.assign(new Error('vote row removed meanwhile'), { statusCode: 412 });
        throw err;
      }
      return old ? { outcome: 'changed', previous: old } : { outcome: 'recorded' };
    });
  }

  castAnonymous(poll: Poll, voterAadObjectId: string, ballot: Ballot): Promise<CastResult> {
    return this.ballotBox.cast(poll, voterAadObjectId, ballot);
  }

  /** Runs one attempt on a random unsealed shard; a 409/412 means someone got in first: read again. */
  private async withRetries(poll: Poll, attempt: (shard: ShardEntity & { etag: string }) => Promise<CastResult>): Promise<CastResult> {
    const pk = pollPartition(poll, poll.id);
    for (let i = 1; ; i++) {
      const n = await this.leases.acquire(pk);
      try {
        const shard = await guard(() => this.table.getEntity<ShardEntity>(pk, shardRow(n)));
        if (shard.sealed) throw pollClosed();
        return await attempt(shard as ShardEntity & { etag: string });
      } catch (err) {
        const status = (err as { statusCode?: number }).statusCode;
        if ((status !== 412 && status !== 409) || i >= MAX_CAST_ATTEMPTS) throw toDomainError(err);
      } finally {
        this.leases.release(pk, n);
      }
      await sleep(Math.random() * Math.min(50, 2 * i));
    }
  }

  async tally(poll: Poll): Promise<Tally> {
    const out = emptyTally(poll);
    for (const shard of await this.rows<ShardEntity>(poll, 'shard')) {
      out.voters += shard.voters;
      (JSON.parse(shard.counts) as number[]).forEach((c, i) => (out.counts[i] = (out.counts[i] ?? 0) + c));
    }
    return out;
  }

  /**
   * Every counter row the poll has (32, or one for an anonymous poll), each under its ETag: in
   * one transaction (they share the poll's partition), read again while votes keep changing
   * them; under a storm of votes, shard by shard.
   */
  async seal(poll: Poll): Promise<void> {
    const pk = pollPartition(poll, poll.id);
    for (let attempt = 1; attempt <= SEAL_TOGETHER_TRIES; attempt++) {
      const open = (await this.rows<ShardEntity & { etag: string }>(poll, 'shard')).filter((s) => !s.sealed);
      if (open.length === 0) return;
      try {
        await this.table.submitTransaction(open.map((s): TransactionAction => ['update', { partitionKey: pk, rowKey: s.rowKey, sealed: true }, 'Merge', { etag: s.etag }]));
        return;
      } catch (err) {
        const status = (err as { statusCode?: number }).statusCode;
        if (status !== 412 && status !== 409) throw toDomainError(err);
      }
    }
    for (let shard of await this.rows<ShardEntity & { etag: string }>(poll, 'shard')) {
      while (!shard.sealed) {
        try {
          await this.table.updateEntity({ partitionKey: pk, rowKey: shard.rowKey, sealed: true }, 'Merge', { etag: shard.etag });
          break;
        } catch (err) {
          if ((err as { statusCode?: number }).statusCode !== 412) throw toDomainError(err);
          shard = (await guard(() => this.table.getEntity<ShardEntity>(pk, shard.rowKey))) as ShardEntity & { etag: string };
        }
      }
    }
  }

  async namedVote(poll: Poll, aadObjectId: string): Promise<Ballot | undefined> {
    if (poll.anonymous) return undefined;
    const e = await getOrUndefined(() => this.table.getEntity<VoteEntity>(pollPartition(poll, poll.id), voteRow(aadObjectId)));
    return e && parseBallotJson(e.ballot);
  }

  async hasVoted(poll: Poll, aadObjectId: string): Promise<boolean> {
    const rk = poll.anonymous ? markerRow(aadObjectId) : voteRow(aadObjectId);
    return Boolean(await getOrUndefined(() => this.table.getEntity(pollPartition(poll, poll.id), rk)));
  }

  async voters(poll: Poll): Promise<Set<string>> {
    const rows = await this.rows<MarkerEntity>(poll, poll.anonymous ? 'voted' : 'vote', ['aadObjectId']);
    return new Set(rows.map((r) => r.aadObjectId));
  }

  async namedVotes(poll: Poll): Promise<NamedVote[]> {
    if (poll.anonymous) return [];
    const rows = await this.rows<VoteEntity>(poll, 'vote');
    return rows.map((r) => ({ aadObjectId: r.aadObjectId, name: r.name, ballot: parseBallotJson(r.ballot) }));
  }

  async claimRefreshWindow(poll: Poll, now: Date, windowMs: number): Promise<{ claimed: boolean; windowEnd: Date }> {
    const pk = pollPartition(poll, poll.id);
    const row = await guard(() => this.table.getEntity<{ windowStart: Date }>(pk, REFRESH_ROW));
    const end = new Date(new Date(row.windowStart).getTime() + windowMs);
    if (now.getTime() < end.getTime()) return { claimed: false, windowEnd: end };
    try {
      await this.table.updateEntity({ partitionKey: pk, rowKey: REFRESH_ROW, windowStart: now }, 'Replace', { etag: row.etag });
      return { claimed: true, windowEnd: new Date(now.getTime() + windowMs) };
    } catch (err) {
      // Another instance claimed it a moment ago: its refresh covers this vote.
      if ((err as { statusCode?: number }).statusCode === 412) return { claimed: false, windowEnd: now };
      throw toDomainError(err);
    }
  }

  private rows<T extends object>(poll: Poll, prefix: 'shard' | 'vote' | 'voted', select?: string[]): Promise<T[]> {
    const pk = pollPartition(poll, poll.id);
    const r = range(prefix);
    return guard(async () => {
      const out: T[] = [];
      const iter = this.table.listEntities<T>({ queryOptions: { filter: odata`PartitionKey eq ${pk} and RowKey gt ${r.from} and RowKey lt ${r.to}`, ...(select ? { select } : {}) } });
      for await (const e of iter) out.push(e);
      return out;
    });
  }
}
