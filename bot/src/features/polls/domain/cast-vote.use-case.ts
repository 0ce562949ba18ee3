import { QuorumError } from '../../../kernel/errors';
import type { Group } from '../../../kernel/group';
import type { Caller } from '../../../kernel/identity';
import { parseBallot } from './ballot-input';
import type { Role } from '../../../kernel/member';
import { isOpen, type Ballot, type Poll } from './poll';
import type { PollDeps } from './poll-deps';
import type { CastResult } from './ports';

export const pollClosed = () => new QuorumError('conflict', 'poll closed', { reason: 'polls.errors.closed' });

export async function loadPoll(deps: PollDeps, group: Group, pollId: string) {
  const poll = await deps.polls.get(group, pollId);
  if (!poll) throw new QuorumError('not-found', 'no such poll in this group', { reason: 'polls.errors.notFound' });
  return poll;
}

/**
 * One vote: the caller must be a member of the poll's group (stored membership, same
 * tenant), the poll open, the ballot valid for this poll. The cost is a fixed number of
 * point reads and one transaction, whatever the number of votes already cast.
 */
export async function castVote(
  deps: PollDeps,
  caller: Caller,
  group: Group,
  pollId: string,
  choice: string | undefined,
  answers: Record<string, string>,
  /** How to read the poll; the vote path may use a short-lived copy (see PollVoteCaches). */
  readPoll: (group: Group, pollId: string) => Promise<Poll> = async (g, id) => (await loadPoll(deps, g, id)).value,
): Promise<CastResult & { poll: Poll; role: Role; ballot: Ballot }> {
  const role = await deps.roles.assertMember(caller, group);
  const poll = await readPoll(group, pollId);
  if (!isOpen(poll, deps.clock.now())) throw pollClosed();
  const ballot = parseBallot(poll, choice, answers);
  if (poll.anonymous) return { poll, role, ballot, ...(await deps.polls.castAnonymous(poll, caller.aadObjectId, ballot)) };
  // The display name Teams put on the activity (not card data); stored for the named export.
  const voter = { aadObjectId: caller.aadObjectId, name: caller.name ?? '' };
  return { poll, role, ballot, ...(await deps.polls.castNamed(poll, voter, ballot)) };
}
