import { renderPollCard } from '../cards/poll-card';
import type { AdaptiveCard } from '../../../platform/cards/render';
import type { Role } from '../../../kernel/member';
import { canSeeResults, isOpen, type Ballot, type Poll, type Tally } from '../domain/poll';
import type { PollDeps } from '../domain/poll-deps';
import { computeResults } from '../domain/results';
import { languageOf } from '../../../platform/i18n/i18n';
import type { TurnScope } from '../../../platform/teams/feature';

/**
 * One person's view of a poll: their own vote (named polls only: an anonymous choice is not
 * stored), the inputs while they may vote, and results only as the visibility rule allows
 * for their role.
 */
export interface PersonalOptions {
  notice?: { text: string; tone: 'good' | 'attention' };
  ballotError?: { text: string; choice?: string; answers?: Record<string, string> };
  changing?: boolean;
  /** Right after a vote these are known: no need to read them again. */
  known?: { role: Role; mine: Ballot | undefined; tally: Tally };
}

export async function personalCard(s: TurnScope, deps: PollDeps, poll: Poll, opts: PersonalOptions = {}): Promise<AdaptiveCard> {
  const now = deps.clock.now();
  const role = opts.known ? opts.known.role : await s.role();
  const isCoChair = role === 'co-chair';
  const [tally, mine, hasVoted] = await Promise.all([
    opts.known ? opts.known.tally : deps.polls.tally(poll),
    opts.known ? opts.known.mine : deps.polls.namedVote(poll, s.caller.aadObjectId),
    opts.known ? true : deps.polls.hasVoted(poll, s.caller.aadObjectId),
  ]);
  const visible = canSeeResults(poll, isCoChair, now);
  return renderPollCard(s.t, {
    poll,
    mode: 'personal',
    language: languageOf(s.id.locale),
    voters: tally.voters,
    electorate: poll.electorate,
    ...(visible ? { results: computeResults(poll, tally) } : {}),
    resultsHidden: !visible,
    isCoChair,
    isOpen: isOpen(poll, now),
    ...(mine ? { mine } : {}),
    hasVoted,
    ...(opts.changing ? { changing: true } : {}),
    ...(opts.notice ? { notice: opts.notice } : {}),
    ...(opts.ballotError ? { ballotError: opts.ballotError } : {}),
    ...(s.viewerUserId ? { viewerUserId: s.viewerUserId } : {}),
  });
}
