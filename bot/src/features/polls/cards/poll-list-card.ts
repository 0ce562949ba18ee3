import { formatLocal } from '../../../kernel/local-time';
import type { Poll } from '../domain/poll';
import type { Translate } from '../../../platform/i18n/i18n';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';
import template from './templates/poll-list.json';

/** Enough to find this week's polls in chat; the tab's Polls view has them all. */
export const POLLS_LISTED = 15;

export interface PollListView {
  teamId: string;
  language: string;
  /** Open first (closing soonest first), then closed (most recent first); already sorted. */
  polls: { poll: Poll; open: boolean; voters: number }[];
  total: number;
}

export function renderPollListCard(t: Translate, v: PollListView): AdaptiveCard {
  const shown = v.polls.slice(0, POLLS_LISTED);
  return expandCard(
    template,
    {
      teamId: v.teamId,
      title: t('polls.list.title'),
      emptyText: t('polls.list.empty'),
      openText: t('polls.list.open'),
      polls: shown.map(({ poll, open, voters }) => {
        const when = formatLocal(poll.closedAt ?? poll.closesAt, poll.timeZone, v.language);
        // Open or closed is said in words; a green "open" was below contrast on Teams' light theme.
        const status = open ? t('polls.card.closes', { when }) : t('polls.card.closed', { when });
        return {
          pollId: poll.id,
          question: poll.question,
          meta: `${status} · ${t('polls.list.voted', { count: voters, total: Math.max(poll.electorate, voters) })}`,
        };
      }),
      moreText: v.total > shown.length ? t('polls.list.more', { count: v.total - shown.length }) : '',
    },
    t,
  );
}
