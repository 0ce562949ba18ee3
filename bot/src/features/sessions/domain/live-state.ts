import { QuorumError } from '../../../kernel/errors';
import type { GroupRef } from '../../../kernel/identity';
import type { Versioned } from '../../../kernel/versioned';

/**
 * What the meeting sees of a running session: which agenda item is current and how long
 * each item has taken. Kept apart from the session row so that a timer tick never changes
 * the session's ETag (a co-chair editing the agenda meanwhile would meet a conflict).
 */
export interface LiveState extends GroupRef {
  sessionId: string;
  /** Index into the session's agenda. */
  current: number;
  /** When the current item's timer was (re)started; undefined while paused. */
  runningSince?: Date;
  /** Time already spent on each agenda item, not counting the running stretch. */
  elapsedMs: number[];
  updatedBy: string;
  updatedAt: Date;
}

export interface LiveStateRepository {
  get(group: GroupRef, sessionId: string): Promise<Versioned<LiveState> | undefined>;
  /** QuorumError('conflict') when another co-chair created it first. */
  create(state: LiveState): Promise<Versioned<LiveState>>;
  /** QuorumError('concurrent-update') on a stale etag. */
  update(state: LiveState, etag: string): Promise<Versioned<LiveState>>;
}

/** What a co-chair asks for: this item is current, running or not (`reset` zeroes its time). */
export interface LiveChange {
  currentItem: number;
  running: boolean;
  reset?: boolean;
}

export function idleState(group: GroupRef, sessionId: string, agendaLength: number, now: Date): LiveState {
  return { tenantId: group.tenantId, teamId: group.teamId, sessionId, current: 0, elapsedMs: Array<number>(agendaLength).fill(0), updatedBy: '', updatedAt: now };
}

/**
 * The next state, timed with the server's clock (never the client's): the running stretch
 * is banked on the item it ran for before anything moves, so switching items or pausing
 * never loses or double-counts time.
 */
export function applyLiveChange(state: LiveState, change: LiveChange, agendaLength: number, by: string, now: Date): LiveState {
  if (!Number.isInteger(change.currentItem) || change.currentItem < 0 || change.currentItem >= agendaLength) {
    throw new QuorumError('validation', 'no such agenda item', { reason: 'sessions.errors.badAgendaItem', count: agendaLength });
  }
  // The agenda may have been edited since: keep the banked times of the items still there.
  const elapsedMs = Array.from({ length: agendaLength }, (_x, i) => state.elapsedMs[i] ?? 0);
  if (state.runningSince && state.current < agendaLength) {
    elapsedMs[state.current] = (elapsedMs[state.current] ?? 0) + Math.max(0, now.getTime() - state.runningSince.getTime());
  }
  if (change.reset) elapsedMs[change.currentItem] = 0;
  const next: LiveState = { ...state, current: change.currentItem, elapsedMs, updatedBy: by, updatedAt: now };
  delete next.runningSince;
  if (change.running) next.runningSince = now;
  return next;
}

/** Time spent on item `index` as of `now`, including the running stretch. */
export function elapsedOf(state: LiveState, index: number, now: Date): number {
  const banked = state.elapsedMs[index] ?? 0;
  return state.runningSince && state.current === index ? banked + Math.max(0, now.getTime() - state.runningSince.getTime()) : banked;
}
