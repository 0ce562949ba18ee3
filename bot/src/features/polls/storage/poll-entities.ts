import type { Ballot, Poll, PollKind, Visibility } from '../domain/poll';
import { toKey } from '../../../platform/storage/keys';

/** One partition per poll: the poll row, its counter shards, votes (or markers) and the refresh window. */
export function pollPartition(ref: { tenantId: string; teamId: string }, pollId: string): string {
  return toKey(ref.tenantId, ref.teamId, pollId);
}

export const POLL_ROW = 'poll';
export const REFRESH_ROW = 'refresh';
/** Fixed number of counter rows: reading the tally costs this many rows, however many votes. */
export const SHARDS = 32;
export const shardRow = (n: number) => `shard|${String(n).padStart(2, '0')}`;
/**
 * An anonymous poll has ONE counter row: a row holding part of the ballots would give them
 * away (its Timestamp points at the voters who wrote it). Polls created before this rule
 * keep their 32 rows; their votes since go to this first one (the tally sums them all).
 */
export const ANONYMOUS_COUNTER_ROW = shardRow(0);
export const shardCount = (poll: Pick<Poll, 'anonymous'>) => (poll.anonymous ? 1 : SHARDS);
export const voteRow = (aad: string) => `vote|${toKey(aad.toLowerCase())}`;
export const markerRow = (aad: string) => `voted|${toKey(aad.toLowerCase())}`;
/**
 * The one place a counter row's counts change: every slot of each ballot added (+1) or
 * withdrawn (-1). A shard's own counts may go below zero (a changed vote subtracts from any
 * shard): only the sum over the poll's counter rows is the tally.
 */
export function shiftedCounts(counts: string, changes: readonly { slots: readonly number[]; by: 1 | -1 }[]): string {
  const out = JSON.parse(counts) as number[];
  for (const { slots, by } of changes) for (const s of slots) out[s] = (out[s] ?? 0) + by;
  return JSON.stringify(out);
}

/** Row key ranges (`|` is followed by `}` in code-point order). */
export const range = (prefix: 'shard' | 'vote' | 'voted') => ({ from: `${prefix}|`, to: `${prefix}}` });

export type PollEntity = {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  teamId: string;
  id: string;
  question: string;
  options: string;
  kind: PollKind;
  maxChoices: number;
  anonymous: boolean;
  visibility: Visibility;
  closesAt: Date;
  timeZone: string;
  sessionId?: string;
  status: 'open' | 'closed';
  createdBy: string;
  createdAt: Date;
  closedAt?: Date;
  closedBy?: string;
  channelConversationId?: string;
  channelActivityId?: string;
  resultsPosted: boolean;
  electorate: number;
};

export type ShardEntity = {
  partitionKey: string;
  rowKey: string;
  voters: number;
  /** JSON number[] indexed like ballotSlots. */
  counts: string;
  sealed: boolean;
};

/** Named polls only: who voted what. */
export type VoteEntity = {
  partitionKey: string;
  rowKey: string;
  aadObjectId: string;
  name: string;
  ballot: string;
};

/** Anonymous polls: that someone voted, and nothing about what. */
export type MarkerEntity = {
  partitionKey: string;
  rowKey: string;
  aadObjectId: string;
};

export function toPollEntity(p: Poll): PollEntity {
  const { options, ...rest } = p;
  return { partitionKey: pollPartition(p, p.id), rowKey: POLL_ROW, ...rest, options: JSON.stringify(options) };
}

export function fromPollEntity(e: PollEntity): Poll {
  const p: Poll = {
    tenantId: e.tenantId,
    teamId: e.teamId,
    id: e.id,
    question: e.question,
    options: JSON.parse(e.options) as Poll['options'],
    kind: e.kind,
    maxChoices: e.maxChoices,
    anonymous: e.anonymous,
    visibility: e.visibility,
    closesAt: new Date(e.closesAt),
    timeZone: e.timeZone,
    status: e.status,
    createdBy: e.createdBy,
    createdAt: new Date(e.createdAt),
    resultsPosted: e.resultsPosted,
    electorate: e.electorate,
  };
  if (e.sessionId) p.sessionId = e.sessionId;
  if (e.closedAt) p.closedAt = new Date(e.closedAt);
  if (e.closedBy) p.closedBy = e.closedBy;
  if (e.channelConversationId) p.channelConversationId = e.channelConversationId;
  if (e.channelActivityId) p.channelActivityId = e.channelActivityId;
  return p;
}

export function parseBallotJson(s: string): Ballot {
  return JSON.parse(s) as Ballot;
}
