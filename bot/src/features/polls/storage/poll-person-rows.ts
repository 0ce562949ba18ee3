import { randomUUID } from 'node:crypto';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { getOrUndefined, statusOf, toDomainError } from '../../../platform/storage/storage-errors';
import { ballotSlots, type Ballot, type Poll } from '../domain/poll';
import { FORMER_MEMBER, type PersonExport, type PersonRef, type PersonRows } from '../../../kernel/person-data';
import { toKey } from '../../../platform/storage/keys';
import { body, exported, rewrite, scan, type Row } from '../../../platform/storage/person-rows';
import { fromPollEntity, markerRow, parseBallotJson, pollPartition, POLL_ROW, range, shiftedCounts, voteRow, type PollEntity } from './poll-entities';

/**
 * Poll rows about a person: polls they created or closed, their named ballots, and their
 * "has voted" markers in anonymous polls (which never hold a choice). Erasure:
 * - creator / closer → FORMER_MEMBER;
 * - a named ballot in a poll still taking votes (an unsealed counter shard) is withdrawn:
 *   the vote row is deleted and the ballot subtracted from a shard in ONE transaction, under
 *   both ETags, as if it had never been cast;
 * - a named ballot in a closed poll (every shard sealed) keeps counting — the results were
 *   announced and may be recorded in a decision — but loses its identity: the row is moved
 *   in one transaction to `vote|former-member-<random>` with no object id and no name;
 * - an anonymous marker is moved the same way (the counters never knew the voter).
 * Either way the number of voter rows still equals the tally's voters.
 */
export class PollPersonRows implements PersonRows {
  constructor(
    private readonly table: TableClient,
    private readonly index: TableClient,
  ) {}

  async exportPerson(person: PersonRef): Promise<PersonExport> {
    const out = { pollsCreatedOrClosed: [] as unknown[], namedVotes: [] as unknown[], anonymousPollsVotedIn: [] as unknown[] };
    for (const { poll, rows } of await this.find(person)) {
      if (same(poll.createdBy, person) || same(poll.closedBy, person))
        out.pollsCreatedOrClosed.push({
          id: poll.id,
          question: poll.question,
          createdByThem: same(poll.createdBy, person),
          closedByThem: same(poll.closedBy, person),
          createdAt: poll.createdAt,
          status: poll.status,
        });
      if (rows.vote) out.namedVotes.push({ pollId: poll.id, question: poll.question, ...exported(rows.vote), choices: choiceText(poll, parseBallotJson(String(rows.vote.ballot))) });
      if (rows.marker) out.anonymousPollsVotedIn.push({ pollId: poll.id, question: poll.question, voted: true, note: 'anonymous poll: the choice is not stored' });
    }
    return out;
  }

  async erasePerson(person: PersonRef): Promise<Record<string, number>> {
    const counts = { pollsCreatorRemoved: 0, namedVotesWithdrawn: 0, namedVotesDeidentified: 0, anonymousMarkersDeidentified: 0 };
    const table = this.table;
    for (const { poll, pk } of await this.find(person)) {
      counts.pollsCreatorRemoved += Number(
        await rewrite(table, pk, POLL_ROW, (now) => {
          if (!same(now.createdBy, person) && !same(now.closedBy, person)) return undefined;
          const next = body(now);
          if (same(now.createdBy, person)) next.createdBy = FORMER_MEMBER;
          if (same(now.closedBy, person)) next.closedBy = FORMER_MEMBER;
          return { replace: next };
        }),
      );
      const named = await this.eraseNamedVote(poll, pk, person);
      if (named) counts[named] += 1;
      counts.anonymousMarkersDeidentified += Number(await this.moveToFormer(pk, markerRow(person.aadObjectId), 'voted'));
    }
    return counts;
  }

  private async eraseNamedVote(poll: Poll, pk: string, person: PersonRef): Promise<'namedVotesWithdrawn' | 'namedVotesDeidentified' | undefined> {
    const table = this.table;
    const rk = voteRow(person.aadObjectId);
    for (let tries = 0; tries < 50; tries++) {
      const shards = await scan(table, odata`PartitionKey eq ${pk} and RowKey gt ${range('shard').from} and RowKey lt ${range('shard').to}`);
      const open = shards.filter((s) => s.sealed !== true);
      if (open.length === 0) return (await this.moveToFormer(pk, rk, 'vote')) ? 'namedVotesDeidentified' : undefined;
      const shard = open[Math.floor(Math.random() * open.length)]!;
      const vote = await getOrUndefined(() => table.getEntity<Record<string, unknown>>(pk, rk));
      if (!vote) return undefined;
      const counts = shiftedCounts(String(shard.counts), [{ slots: ballotSlots(poll, parseBallotJson(String(vote.ballot))), by: -1 }]);
      // A delete in a transaction cannot carry an ETag, so every shard goes in under its ETag
      // (unchanged but one): any vote committed since the reads — the person's own change
      // included — fails the transaction, which is then read and tried again.
      const shardActions = shards.map((sh): TransactionAction =>
        sh.rowKey === shard.rowKey
          ? ['update', { partitionKey: pk, rowKey: sh.rowKey, voters: Number(sh.voters) - 1, counts, sealed: false }, 'Replace', { etag: sh.etag }]
          : ['update', { partitionKey: pk, rowKey: sh.rowKey }, 'Merge', { etag: sh.etag }],
      );
      try {
        await table.submitTransaction([['delete', { partitionKey: pk, rowKey: rk }], ...shardActions]);
        return 'namedVotesWithdrawn';
      } catch (err) {
        // The vote or the shard moved (a vote, or the poll being sealed) since they were read: read again.
        const status = statusOf(err);
        if (status !== 412 && status !== 409 && status !== 404) throw toDomainError(err);
      }
    }
    throw new Error(`poll ${poll.id}: the counters kept changing; run the erasure again`);
  }

  /** Moves a voter row (anonymous marker, or named ballot of a sealed poll) to an unlinkable key (same ballot, no object id, no name), atomically. */
  private async moveToFormer(pk: string, rk: string, prefix: 'vote' | 'voted'): Promise<boolean> {
    const id = `${FORMER_MEMBER}-${randomUUID()}`;
    return rewrite(this.table, pk, rk, (row) => {
      const { aadObjectId: _a, name: _n, ...rest } = body(row);
      const moved = { ...rest, partitionKey: pk, rowKey: `${prefix}|${id}`, aadObjectId: id, ...(prefix === 'vote' ? { name: '' } : {}) };
      // Safe without an ETag on the delete: markers are never rewritten, and a sealed poll's ballots cannot change.
      return {
        actions: [
          ['delete', { partitionKey: pk, rowKey: rk }],
          ['create', moved],
        ],
      };
    });
  }

  private async find(person: PersonRef): Promise<{ poll: Poll; pk: string; rows: { vote?: Row; marker?: Row } }[]> {
    const out: { poll: Poll; pk: string; rows: { vote?: Row; marker?: Row } }[] = [];
    for (const g of person.groups) {
      const index = await scan(this.index, odata`PartitionKey eq ${toKey(g.tenantId, g.teamId)}`);
      for (const entry of index) {
        const pollId = entry.rowKey;
        const pk = pollPartition(g, pollId);
        const [pollRow] = await scan(this.table, odata`PartitionKey eq ${pk} and RowKey eq ${POLL_ROW}`);
        if (!pollRow) continue;
        const poll = fromPollEntity(pollRow as unknown as PollEntity);
        const mine = await scan(this.table, odata`PartitionKey eq ${pk} and (RowKey eq ${voteRow(person.aadObjectId)} or RowKey eq ${markerRow(person.aadObjectId)})`);
        const rows = { vote: mine.find((r) => r.rowKey === voteRow(person.aadObjectId)), marker: mine.find((r) => r.rowKey === markerRow(person.aadObjectId)) };
        if (rows.vote || rows.marker || same(poll.createdBy, person) || same(poll.closedBy, person)) out.push({ poll, pk, rows });
      }
    }
    return out;
  }
}

function choiceText(poll: Poll, ballot: Ballot): unknown {
  const text = new Map(poll.options.map((o) => [o.id, o.text]));
  return ballot.kind === 'choices' ? ballot.optionIds.map((id) => text.get(id) ?? id) : Object.fromEntries(Object.entries(ballot.answers).map(([id, a]) => [text.get(id) ?? id, a]));
}

function same(value: unknown, person: Pick<PersonRef, 'aadObjectId'>): boolean {
  return typeof value === 'string' && value.toLowerCase() === person.aadObjectId;
}
