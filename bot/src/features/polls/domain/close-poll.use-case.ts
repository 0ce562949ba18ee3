import { QuorumError } from '../../../kernel/errors';
import type { GroupRef } from '../../../kernel/identity';
import { retryOnConflict } from '../../../kernel/retry-on-conflict';
import type { Versioned } from '../../../kernel/versioned';
import type { Poll } from './poll';
import type { PollDeps } from './poll-deps';

/**
 * Closes a poll once: the status changes under the poll row's ETag, then every counter
 * shard is sealed so a vote that read the poll as open just before cannot commit after.
 * Returns whether this call closed it (only that caller posts the results).
 */
export async function closePoll(deps: PollDeps, group: GroupRef, pollId: string, closedBy?: string): Promise<{ poll: Versioned<Poll>; closedNow: boolean }> {
  return retryOnConflict(async () => {
    const current = await deps.polls.get(group, pollId);
    if (!current) throw new QuorumError('not-found', 'no such poll', { reason: 'polls.errors.notFound' });
    if (current.value.status === 'closed') {
      await deps.polls.seal(current.value);
      return { poll: current, closedNow: false };
    }
    const closed: Poll = { ...current.value, status: 'closed', closedAt: deps.clock.now(), ...(closedBy ? { closedBy } : {}) };
    const saved = await deps.polls.update(closed, current.etag);
    await deps.polls.seal(closed);
    return { poll: saved, closedNow: true };
  }, 6);
}

/** Records that the results post went out (so a retried close job does not post twice). */
export async function markResultsPosted(deps: PollDeps, group: GroupRef, pollId: string): Promise<void> {
  await retryOnConflict(async () => {
    const current = await deps.polls.get(group, pollId);
    if (!current || current.value.resultsPosted) return;
    await deps.polls.update({ ...current.value, resultsPosted: true }, current.etag);
  }, 6);
}
