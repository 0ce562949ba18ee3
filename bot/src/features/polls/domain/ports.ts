import type { GroupRef } from '../../../kernel/identity';
import type { Versioned } from '../../../kernel/versioned';
import type { Ballot, Poll, Tally } from './poll';

export interface NamedVote {
  aadObjectId: string;
  name: string;
  ballot: Ballot;
}

export type CastOutcome = 'recorded' | 'changed' | 'unchanged' | 'already-voted';

/** What a cast did; `previous` is the replaced ballot of a changed named vote. */
export interface CastResult {
  outcome: CastOutcome;
  previous?: Ballot;
}

/**
 * Storage of polls. A vote and its counters are written in one atomic transaction in the
 * poll's partition, so a vote never exists without being counted. A named poll's counters are
 * sharded so concurrent voters rarely touch the same row; an anonymous poll has one counter
 * row, since a row holding part of the ballots would point at the voters who wrote it.
 */
export interface PollRepository {
  get(group: GroupRef, pollId: string): Promise<Versioned<Poll> | undefined>;
  /** The poll and its zeroed counters, atomically; QuorumError('conflict') if the id exists. */
  create(poll: Poll): Promise<Versioned<Poll>>;
  update(poll: Poll, etag: string): Promise<Versioned<Poll>>;
  list(group: GroupRef): Promise<Poll[]>;
  /** Named poll: one row per voter, replaced when the vote changes. */
  castNamed(poll: Poll, voter: { aadObjectId: string; name: string }, ballot: Ballot): Promise<CastResult>;
  /** Anonymous poll: a "has voted" marker and the poll's one counter row (the total of every ballot); the choice itself is not stored. */
  castAnonymous(poll: Poll, voterAadObjectId: string, ballot: Ballot): Promise<CastResult>;
  /** Reads the counter shards only (their number is fixed): never the votes. */
  tally(poll: Poll): Promise<Tally>;
  /** After this no vote can commit (each shard is marked with its ETag). */
  seal(poll: Poll): Promise<void>;
  namedVote(poll: Poll, aadObjectId: string): Promise<Ballot | undefined>;
  hasVoted(poll: Poll, aadObjectId: string): Promise<boolean>;
  /** Everyone who voted (reminders, export): reads the voter rows. */
  voters(poll: Poll): Promise<Set<string>>;
  namedVotes(poll: Poll): Promise<NamedVote[]>;
  /**
   * Claims the card-refresh window starting `now` if the previous one (of `windowMs`) is over
   * (ETag-conditional, so one instance wins). `windowEnd` is when the open window's refresh is due.
   */
  claimRefreshWindow(poll: Poll, now: Date, windowMs: number): Promise<{ claimed: boolean; windowEnd: Date }>;
}

export interface PollSettings {
  membersCanCreate: boolean;
}

export interface PollSettingsRepository {
  get(group: GroupRef): Promise<Versioned<PollSettings> | undefined>;
  put(group: GroupRef, settings: PollSettings, etag: string | undefined): Promise<void>;
}
