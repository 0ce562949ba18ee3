import type { Caller } from '../../../kernel/identity';
import type { Group } from '../../../kernel/group';
import { QuorumError } from '../../../kernel/errors';
import { keyReused, type Created } from '../../../kernel/idempotency';
import type { Versioned } from '../../../kernel/versioned';
import { scheduleAll } from '../../../kernel/scheduling';
import { POLL_JOBS, REMINDER_BEFORE_MS, type PollDeps } from './poll-deps';
import type { Poll } from './poll';
import { validatePollInput, type PollFormInput } from './poll-input';

/** Co-chairs create polls; members too when the group's setting allows it. */
export async function assertCanCreatePoll(deps: PollDeps, caller: Caller, group: Group): Promise<void> {
  const role = await deps.roles.assertMember(caller, group);
  if (role === 'co-chair') return;
  const settings = await deps.settings.get(group);
  if (!settings?.value.membersCanCreate) throw new QuorumError('forbidden', 'members may not create polls', { reason: 'polls.errors.membersCannotCreate' });
}

/**
 * `pollId` is the request's key: generated with the chat form, or derived from the tab's
 * Idempotency-Key and its caller. Submitting the same form twice is one poll: the second
 * create meets the first one's row (the poll row itself is the key row) and, when it is the
 * same person asking the same, is answered with that poll; anything else is refused.
 */
export async function createPoll(deps: PollDeps, caller: Caller, group: Group, pollId: string, input: PollFormInput): Promise<Created<Versioned<Poll>>> {
  await assertCanCreatePoll(deps, caller, group);
  const now = deps.clock.now();
  const draft = validatePollInput(input, now, group.timeZone);
  if (draft.sessionId && !(await deps.sessions.get(group, draft.sessionId))) {
    throw new QuorumError('validation', 'unknown session', { reason: 'polls.errors.unknownSession' });
  }
  const members = (await deps.members.list(group)).filter((m) => m.active);
  const poll: Poll = {
    tenantId: group.tenantId,
    teamId: group.teamId,
    id: pollId,
    ...draft,
    timeZone: group.timeZone,
    status: 'open',
    createdBy: caller.aadObjectId,
    createdAt: now,
    resultsPosted: false,
    electorate: members.length,
  };
  let created: Versioned<Poll>;
  let replayed = false;
  try {
    created = await deps.polls.create(poll);
  } catch (err) {
    if (!(err instanceof QuorumError && err.code === 'conflict')) throw err;
    const earlier = await deps.polls.get(group, pollId);
    if (!earlier || earlier.value.createdBy !== poll.createdBy || !samePoll(earlier.value, poll)) throw keyReused('polls.errors.alreadyCreated');
    created = earlier;
    replayed = true;
  }
  const ref = { tenantId: group.tenantId, teamId: group.teamId };
  const remindAt = new Date(poll.closesAt.getTime() - REMINDER_BEFORE_MS);
  await scheduleAll(deps.scheduler, [
    { ...ref, kind: POLL_JOBS.close, key: pollId, dueAt: poll.closesAt, payload: { pollId } },
    ...(remindAt.getTime() > now.getTime() ? [{ ...ref, kind: POLL_JOBS.reminder, key: pollId, dueAt: remindAt, payload: { pollId } }] : []),
  ]);
  return { ...created, replayed };
}

/** What the form asked for (not what happened since: votes, closing, the channel post). */
function samePoll(a: Poll, b: Poll): boolean {
  const asked = (p: Poll) => JSON.stringify([p.question, p.options, p.kind, p.maxChoices, p.anonymous, p.visibility, new Date(p.closesAt).getTime(), p.sessionId ?? null]);
  return asked(a) === asked(b);
}
