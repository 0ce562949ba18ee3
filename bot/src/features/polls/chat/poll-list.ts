import { POLLS_LISTED, renderPollListCard } from '../cards/poll-list-card';
import type { AdaptiveCard } from '../../../platform/cards/render';
import type { Group } from '../../../kernel/group';
import { isOpen, type Poll } from '../domain/poll';
import type { PollDeps } from '../domain/poll-deps';
import { languageOf } from '../../../platform/i18n/i18n';
import type { TurnScope } from '../../../platform/teams/feature';

/** `polls`: open polls first, closing soonest first; then closed ones, most recent first. */
export async function pollListCard(s: TurnScope, deps: PollDeps, group: Group): Promise<AdaptiveCard> {
  const now = deps.clock.now();
  const all = (await deps.polls.list(group)).map((poll) => ({ poll, open: isOpen(poll, now) }));
  const ended = (p: Poll) => (p.closedAt ?? p.closesAt).getTime();
  all.sort((a, b) => (a.open !== b.open ? (a.open ? -1 : 1) : a.open ? a.poll.closesAt.getTime() - b.poll.closesAt.getTime() : ended(b.poll) - ended(a.poll)));
  // Counters are read only for the polls shown.
  const listed = await Promise.all(all.slice(0, POLLS_LISTED).map(async (x) => ({ ...x, voters: (await deps.polls.tally(x.poll)).voters })));
  return renderPollListCard(s.t, { teamId: group.teamId, language: languageOf(s.id.locale), polls: listed, total: all.length });
}
