import type { Clock } from '../../../kernel/clock';
import { QuorumError } from '../../../kernel/errors';
import type { Group } from '../../../kernel/group';
import type { Caller } from '../../../kernel/identity';
import type { RolePolicy } from '../../../kernel/roles';
import { scheduleAll, type Scheduler } from '../../../kernel/scheduling';
import { keyReused } from '../../../kernel/idempotency';
import type { Versioned } from '../../../kernel/versioned';
import { SESSION_REMINDERS, type Session, type SessionRepository } from './session';
import { validateSessionInput, type SessionFormInput } from './session-input';

export interface SessionDeps {
  sessions: SessionRepository;
  roles: RolePolicy;
  clock: Clock;
  scheduler: Scheduler;
}

export const SESSION_REMINDER_JOB = 'session-reminder';

/**
 * Creates (no etag) or edits (the etag the form was rendered from) a session, then
 * (re)schedules its reminders. The id of a new session comes from the form, so a replayed
 * submit meets the first one's row.
 */
export async function saveSession(deps: SessionDeps, caller: Caller, group: Group, id: string, input: SessionFormInput, etag: string | undefined): Promise<Versioned<Session>> {
  await deps.roles.assertCoChair(caller, group);
  const draft = validateSessionInput(input);
  const now = deps.clock.now();
  const base = { tenantId: group.tenantId, teamId: group.teamId, id, createdBy: caller.aadObjectId, status: 'planned' as const };
  let saved: Versioned<Session>;
  if (etag) {
    const current = await deps.sessions.get(group, id);
    if (!current) throw new QuorumError('not-found', 'no such session', { reason: 'sessions.errors.notFound' });
    saved = await deps.sessions.update({ ...current.value, ...clearOptional(), ...draft, updatedAt: now, sequence: (current.value.sequence ?? 0) + 1 }, etag);
  } else {
    const fresh: Session = { ...base, ...draft, updatedAt: now, sequence: 0 };
    try {
      saved = await deps.sessions.create(fresh);
    } catch (err) {
      if (!(err instanceof QuorumError && err.code === 'conflict')) throw err;
      // The form's id is the request's key and the session row its record: the same person
      // sending the same form again (a double click, a retry) is answered with that session.
      const earlier = await deps.sessions.get(group, id);
      if (!earlier || earlier.value.createdBy !== fresh.createdBy || !sameSession(earlier.value, fresh)) throw keyReused('sessions.errors.alreadyCreated');
      saved = earlier;
    }
  }
  await scheduleReminders(deps, saved.value);
  return saved;
}

/** What the form asked for (an edit since makes a repeat of the first request differ, and it is refused). */
function sameSession(a: Session, b: Session): boolean {
  const asked = (s: Session) => JSON.stringify([s.title, s.startsAt.getTime(), s.endsAt.getTime(), s.timeZone, s.place ?? '', s.onlineUrl ?? '', s.description ?? '', s.agenda]);
  return asked(a) === asked(b);
}

/** Fields a form may empty: dropped before the new values are applied. */
function clearOptional(): Partial<Session> {
  return { place: undefined, onlineUrl: undefined, description: undefined } as Partial<Session>;
}

async function scheduleReminders(deps: SessionDeps, s: Session): Promise<void> {
  const now = deps.clock.now().getTime();
  const jobs = SESSION_REMINDERS.map((r) => ({
    tenantId: s.tenantId,
    teamId: s.teamId,
    kind: SESSION_REMINDER_JOB,
    key: `${s.id}|${r.id}`,
    dueAt: new Date(s.startsAt.getTime() - r.beforeMs),
    payload: { sessionId: s.id, reminder: r.id },
  })).filter((j) => j.dueAt.getTime() > now);
  // replace: an edited start time moves the reminder; the handler also skips stale ones.
  await scheduleAll(deps.scheduler, jobs, { replace: true });
}
