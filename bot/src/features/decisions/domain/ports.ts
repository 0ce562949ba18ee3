import type { GroupRef } from '../../../kernel/identity';
import type { RequestKey } from '../../../kernel/idempotency';
import type { Versioned } from '../../../kernel/versioned';
import type { ChainHead, DecisionRecord } from './decision';

/** A record as storage holds it: its row position and fields, trusted by nobody (verification reads these). */
export interface StoredDecisionRow {
  /** Position taken from the row key. */
  position: number;
  /** The content fields found on the row (missing or mistyped ones included as they are). */
  content: Readonly<Record<string, unknown>>;
  hash: unknown;
}

/** Storage port of the register. Appends are atomic and conditional on the head's ETag. */
export interface DecisionStore {
  head(group: GroupRef): Promise<Versioned<ChainHead> | undefined>;
  /** Every stored record row of the group, in row-key (chain) order. */
  rows(group: GroupRef): Promise<StoredDecisionRow[]>;
  findByRef(group: GroupRef, ref: string): Promise<DecisionRecord | undefined>;
  /** The record that supersedes (amends or revokes) `ref`, if any. */
  findSuperseding(group: GroupRef, ref: string): Promise<DecisionRecord | undefined>;
  /**
   * Writes the record and the new head in one transaction, with the request's key when given
   * (a second append with that key fails as a race). `headEtag` is the ETag the
   * head was read at (undefined: there was no head). Throws QuorumError 'concurrent-update'
   * when another append got in first.
   */
  append(group: GroupRef, record: DecisionRecord, head: ChainHead, headEtag: string | undefined, key?: RequestKey): Promise<void>;
  /**
   * The reference of the record a request key was appended with (undefined: none yet).
   * Throws QuorumError 'conflict' when the key came with another request.
   */
  createdBy(group: GroupRef, key: RequestKey): Promise<string | undefined>;
  /**
   * Every place in storage holding register rows, found from the rows themselves (a head,
   * records, or both), so that deleting a head does not hide a register from the verifier.
   */
  registers(): Promise<RegisterLocation[]>;
}

export interface RegisterLocation {
  /** The group whose register this is: named by its rows and stored where that group's register belongs. */
  group?: GroupRef;
  /** Storage's own name for the place, to point at it when no group can be named. */
  where: string;
  /** Rows kept here that are not part of the group's register (naming another group or none, or keyed as no chain position). */
  strays: number;
}

/**
 * Pseudonymous ids for people in hashed content. Forgetting a person deletes the mapping,
 * not a record, so the chain still verifies.
 */
export interface PseudonymStore {
  pseudonymFor(group: GroupRef, aadObjectId: string): Promise<string>;
  /** The Entra object id behind a pseudonym, or undefined once forgotten. */
  resolve(group: GroupRef, pseudonym: string): Promise<string | undefined>;
}

/** The pseudonyms as a person's export and erasure see them (`npm run person`). */
export interface PseudonymRegistry extends PseudonymStore {
  /** The person's pseudonym in the group, if they have recorded a decision there (and were not forgotten). */
  lookup(group: GroupRef, aadObjectId: string): Promise<string | undefined>;
  /** Deletes the mapping (crypto-shredding); false when there was none. */
  forget(group: GroupRef, aadObjectId: string): Promise<boolean>;
}

/** What a record links to (a session, a poll, action items), checked when it is recorded. */
export interface DecisionLinks {
  sessionId?: string;
  pollId?: string;
  actionItemIds: readonly string[];
}

/**
 * Seam for the sessions, polls and work-plan features: they check that linked ids exist
 * and belong to the group (throwing QuorumError 'validation' or 'not-found' otherwise).
 * Until they land, ids are only checked to be well-formed.
 */
export interface DecisionLinkChecker {
  check(group: GroupRef, links: DecisionLinks): Promise<void>;
}

export const wellFormedLinksOnly: DecisionLinkChecker = { check: async () => undefined };

/** A session or poll as a person picks it: its id and the words they know it by. */
export interface LinkChoice {
  id: string;
  title: string;
  /** A session's start, shown beside its title (two sessions may share one), in `timeZone`. */
  at?: Date;
  timeZone?: string;
}

/**
 * The group's sessions, polls and items by name, for the decision form's pickers, its
 * confirmation and the decision card (people know a session by its title, never by its id). Newest first.
 */
export interface DecisionLinkDirectory {
  sessions(group: GroupRef): Promise<LinkChoice[]>;
  polls(group: GroupRef): Promise<LinkChoice[]>;
  /** The titles of the linked action items that exist, by the id as typed (a reference such as A-12). */
  itemTitles(group: GroupRef, ids: readonly string[]): Promise<Map<string, string>>;
}
