import type { GroupRef } from '../../../kernel/identity';

export const POLL_KINDS = ['single', 'multiple', 'availability'] as const;
export type PollKind = (typeof POLL_KINDS)[number];
export const VISIBILITIES = ['live', 'after-close', 'co-chairs'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
/** Availability answers, in tally order. */
export const ANSWERS = ['yes', 'maybe', 'no'] as const;
export type Answer = (typeof ANSWERS)[number];

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 20;
export const MAX_QUESTION_CHARS = 500;
export const MAX_OPTION_CHARS = 200;

export interface PollOption {
  /** `o0`…`o19`: stable, and the only thing a vote payload may name. */
  id: string;
  text: string;
}

export interface Poll extends GroupRef {
  id: string;
  question: string;
  options: PollOption[];
  kind: PollKind;
  /** Multiple choice: at most this many options (1..options). */
  maxChoices: number;
  anonymous: boolean;
  visibility: Visibility;
  closesAt: Date;
  /** The zone `closesAt` was given in (shown back to people). */
  timeZone: string;
  sessionId?: string;
  status: 'open' | 'closed';
  createdBy: string;
  createdAt: Date;
  closedAt?: Date;
  /** Who closed it early; absent when it closed at its deadline. */
  closedBy?: string;
  /** The channel post, updated as votes arrive. */
  channelConversationId?: string;
  channelActivityId?: string;
  resultsPosted: boolean;
  /** Members when last counted ("n of m voted"). */
  electorate: number;
}

/** What one voter chose. Availability answers every option; other kinds name options. */
export type Ballot = { kind: 'choices'; optionIds: string[] } | { kind: 'availability'; answers: Record<string, Answer> };

/** Counters kept per option (availability: one per answer). */
export function slotsPerOption(kind: PollKind): number {
  return kind === 'availability' ? ANSWERS.length : 1;
}

export function tallySize(poll: Pick<Poll, 'kind' | 'options'>): number {
  return poll.options.length * slotsPerOption(poll.kind);
}

/** The counters a ballot adds one to. */
export function ballotSlots(poll: Pick<Poll, 'kind' | 'options'>, ballot: Ballot): number[] {
  const index = new Map(poll.options.map((o, i) => [o.id, i]));
  if (ballot.kind === 'choices') return ballot.optionIds.map((id) => index.get(id)!);
  return Object.entries(ballot.answers).map(([id, a]) => index.get(id)! * ANSWERS.length + ANSWERS.indexOf(a));
}

export function sameBallot(a: Ballot, b: Ballot): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

function normalise(b: Ballot): unknown {
  return b.kind === 'choices' ? [...b.optionIds].sort() : Object.entries(b.answers).sort(([x], [y]) => x.localeCompare(y));
}

export interface Tally {
  /** Distinct voters. */
  voters: number;
  /** Indexed like ballotSlots. */
  counts: number[];
}

export function emptyTally(poll: Pick<Poll, 'kind' | 'options'>): Tally {
  return { voters: 0, counts: new Array<number>(tallySize(poll)).fill(0) };
}

export function isOpen(poll: Poll, now: Date): boolean {
  return poll.status === 'open' && poll.closesAt.getTime() > now.getTime();
}

/** Results are shown to a viewer only as the poll's visibility rule allows. */
export function canSeeResults(poll: Poll, isCoChair: boolean, now: Date): boolean {
  if (poll.visibility === 'live') return true;
  if (poll.visibility === 'co-chairs') return isCoChair;
  return !isOpen(poll, now);
}
