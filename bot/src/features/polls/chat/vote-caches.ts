import type { Group } from '../../../kernel/group';
import { loadPoll } from '../domain/cast-vote.use-case';
import { ballotSlots, type Ballot, type Poll, type Tally } from '../domain/poll';
import type { PollDeps } from '../domain/poll-deps';
import type { CastOutcome } from '../domain/ports';

/** A per-instance map whose entries expire after `ttlMs` of real (monotonic) time. */
class TtlCache<T> {
  private readonly entries = new Map<string, { value: T; at: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 5_000,
  ) {}

  get(key: string): T | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (performance.now() - e.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: string, value: T): void {
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(key, { value, at: performance.now() });
  }
}

const keyOf = (p: { tenantId: string; teamId: string }, id: string) => `${p.tenantId}|${p.teamId}|${id}`;

/**
 * Short-lived copies that keep a vote's cost flat under a burst:
 * - the poll definition (2 s): safe because closing seals every counter shard, and a vote
 *   commits only against an unsealed shard, so a stale "open" copy cannot let a late vote in;
 * - the tally shown in the voter's answer (1 s): the counts read a moment ago plus this
 *   vote's own change. The channel card and every other view read the counters afresh.
 */
export class PollVoteCaches {
  private readonly polls = new TtlCache<Poll>(2_000);
  private readonly tallies = new TtlCache<Tally>(1_000);

  constructor(private readonly deps: PollDeps) {}

  readPoll = async (group: Group, pollId: string): Promise<Poll> => {
    const key = keyOf(group, pollId);
    const cached = this.polls.get(key);
    if (cached) return cached;
    const { value } = await loadPoll(this.deps, group, pollId);
    this.polls.set(key, value);
    return value;
  };

  /** The tally including this vote. A copy read before the vote gets the vote's own change added. */
  async tallyAfter(poll: Poll, outcome: CastOutcome, ballot: Ballot, previous: Ballot | undefined): Promise<Tally> {
    const key = keyOf(poll, poll.id);
    const cached = this.tallies.get(key);
    if (!cached) {
      const fresh = await this.deps.polls.tally(poll);
      this.tallies.set(key, fresh);
      return fresh;
    }
    const counts = [...cached.counts];
    let voters = cached.voters;
    if (outcome === 'recorded') voters++;
    if (outcome === 'recorded' || outcome === 'changed') {
      for (const s of previous ? ballotSlots(poll, previous) : []) counts[s] = Math.max(0, (counts[s] ?? 0) - 1);
      for (const s of ballotSlots(poll, ballot)) counts[s] = (counts[s] ?? 0) + 1;
    }
    const next = { voters, counts };
    this.tallies.set(key, next);
    return next;
  }
}
