import type { Clock } from '../../../kernel/clock';
import { QuorumError } from '../../../kernel/errors';
import type { Caller, GroupRef } from '../../../kernel/identity';
import type { RolePolicy } from '../../../kernel/roles';
import type { Versioned } from '../../../kernel/versioned';
import { applyLiveChange, idleState, type LiveChange, type LiveState, type LiveStateRepository } from './live-state';
import type { Session, SessionRepository } from './session';

export interface LiveDeps {
  sessions: SessionRepository;
  live: LiveStateRepository;
  roles: RolePolicy;
  clock: Clock;
}

const notFound = () => new QuorumError('not-found', 'no such session', { reason: 'sessions.errors.notFound' });
const changedMeanwhile = () => new QuorumError('concurrent-update', 'live state changed', { reason: 'sessions.errors.liveChanged' });

function assertSessionId(id: string): void {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) throw notFound();
}

async function sessionOf(deps: LiveDeps, group: GroupRef, id: string): Promise<Session> {
  assertSessionId(id);
  return (await deps.sessions.get(group, id))?.value ?? Promise.reject(notFound());
}

/** A session of the caller's group (for the outcomes, which need no timer). */
export async function readSession(deps: LiveDeps, caller: Caller, group: GroupRef, sessionId: string): Promise<Session> {
  await deps.roles.assertMember(caller, group);
  return sessionOf(deps, group, sessionId);
}

/** The live state as stored, or an idle one (first item, paused) before anyone started it. */
export async function readLive(deps: LiveDeps, caller: Caller, group: GroupRef, sessionId: string): Promise<{ session: Session; live: Versioned<LiveState> | { value: LiveState; etag: '' } }> {
  // Every screen polls this every 2 s: the two rows are read together, not one after the other
  // (the id is checked first, so storage never sees one that is not a session id).
  assertSessionId(sessionId);
  const [session, live] = await Promise.all([readSession(deps, caller, group, sessionId), deps.live.get(group, sessionId)]);
  return { session, live: live ?? { value: idleState(group, sessionId, session.agenda.length, deps.clock.now()), etag: '' } };
}

/**
 * A co-chair moves the meeting on. `etag` is what they last read ('' when there was no
 * state yet): two co-chairs pressing "next" together get one move and one conflict, never
 * two moves, and the loser's screen reloads the winner's state.
 */
export async function changeLive(deps: LiveDeps, caller: Caller, group: GroupRef, sessionId: string, change: LiveChange, etag: string): Promise<Versioned<LiveState>> {
  await deps.roles.assertCoChair(caller, group);
  const session = await sessionOf(deps, group, sessionId);
  if (session.agenda.length === 0) throw new QuorumError('validation', 'no agenda', { reason: 'sessions.errors.noAgenda' });
  const now = deps.clock.now();
  const current = await deps.live.get(group, sessionId);
  if (!current) {
    if (etag) throw changedMeanwhile();
    const next = applyLiveChange(idleState(group, sessionId, session.agenda.length, now), change, session.agenda.length, caller.aadObjectId, now);
    try {
      return await deps.live.create(next);
    } catch (err) {
      if (err instanceof QuorumError && err.code === 'conflict') throw changedMeanwhile();
      throw err;
    }
  }
  if (etag !== current.etag) throw changedMeanwhile();
  try {
    return await deps.live.update(applyLiveChange(current.value, change, session.agenda.length, caller.aadObjectId, now), etag);
  } catch (err) {
    if (err instanceof QuorumError && err.code === 'concurrent-update') throw changedMeanwhile();
    throw err;
  }
}
