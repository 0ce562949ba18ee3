import { KeyedSerializer } from '../../../kernel/keyed-serializer';
import type { Group } from '../../../kernel/group';
import type { Caller } from '../../../kernel/identity';
import { loadPoll } from '../domain/cast-vote.use-case';
import { closePoll } from '../domain/close-poll.use-case';
import { createPoll } from '../domain/create-poll.use-case';
import type { Poll } from '../domain/poll';
import type { PollDeps } from '../domain/poll-deps';
import type { PollFormInput } from '../domain/poll-input';
import type { Logger } from '../../../platform/logging/logger';
import type { PollChannel } from './poll-channel';

/**
 * What creating and closing a poll do, wherever they are asked for (a card in chat or the
 * tab): the same use cases, the same channel posts, the same log lines.
 */
export class PollActions {
  private readonly requests = new KeyedSerializer();

  constructor(
    private readonly deps: PollDeps,
    private readonly channel: PollChannel,
    private readonly logger: Logger,
  ) {}

  /**
   * Creates the poll and posts its card to the channel; `posted` is false when the post failed
   * (the poll stays). The same request again (same poll id, caller and question) is answered
   * with that poll and is not posted again. In this process one id runs at a time, so a double
   * click's second submit waits for the first's post and answers as it did.
   */
  create(caller: Caller, group: Group, pollId: string, input: PollFormInput): Promise<{ poll: Poll; posted: boolean }> {
    return this.requests.run(`${group.tenantId}|${group.teamId}|${pollId}`, async () => {
      const { value: poll, replayed } = await createPoll(this.deps, caller, group, pollId, input);
      if (replayed) return { poll: (await loadPoll(this.deps, group, pollId)).value, posted: Boolean(poll.channelActivityId) };
      this.logger.info({ tenantId: group.tenantId, teamId: group.teamId, pollId, kind: poll.kind, anonymous: poll.anonymous }, 'poll created');
      const posted = await this.channel.post(poll);
      return { poll: (await loadPoll(this.deps, group, pollId)).value, posted };
    });
  }

  /** Co-chairs close early; only the call that closed it posts the results. */
  async close(caller: Caller, group: Group, pollId: string): Promise<{ poll: Poll; closedNow: boolean }> {
    await this.deps.roles.assertCoChair(caller, group);
    await loadPoll(this.deps, group, pollId);
    const { poll, closedNow } = await closePoll(this.deps, group, pollId, caller.aadObjectId);
    if (closedNow) {
      this.logger.info({ tenantId: group.tenantId, teamId: group.teamId, pollId }, 'poll closed early');
      await this.channel.postResults(poll.value, 0);
    }
    return { poll: (await loadPoll(this.deps, group, pollId)).value, closedNow };
  }
}
