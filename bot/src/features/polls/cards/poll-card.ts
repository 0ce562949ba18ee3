import { formatLocal } from '../../../kernel/local-time';
import type { Ballot, Poll } from '../domain/poll';
import type { PollResults } from '../domain/results';
import type { Translate } from '../../../platform/i18n/i18n';
import template from './templates/poll.json';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';
import { POLL_VERBS, RECORD_AS_DECISION_VERB } from './verbs';

/** Teams refreshes a card automatically for at most this many listed users. */
export const MAX_REFRESH_USERS = 60;

export interface PollCardView {
  poll: Poll;
  /** channel: what everyone sees; personal: one user's view (refresh / invoke answer); results: the closing post. */
  mode: 'channel' | 'personal' | 'results';
  language: string;
  voters: number;
  electorate: number;
  /** Present only when the viewer may see results. */
  results?: PollResults;
  /** Whether results exist but are hidden from this viewer. */
  resultsHidden: boolean;
  isCoChair: boolean;
  isOpen: boolean;
  /** personal mode: the viewer's vote (named polls), or that they voted (anonymous). */
  mine?: Ballot;
  hasVoted?: boolean;
  /** personal mode: show the inputs again to change a named vote. */
  changing?: boolean;
  notice?: { text: string; tone: 'good' | 'attention' };
  /** A refused ballot: the reason, shown beside the choices, and what was chosen, shown again. */
  ballotError?: { text: string; choice?: string; answers?: Record<string, string> };
  lateNote?: string;
  /** channel mode: Teams user ids to refresh automatically (only when the group is small enough). */
  refreshUserIds?: string[];
  /** personal mode: the viewer's Teams user id, so their copy refreshes itself when shown again. */
  viewerUserId?: string;
}

export function renderPollCard(t: Translate, v: PollCardView): AdaptiveCard {
  const { poll } = v;
  const optionText = new Map(poll.options.map((o) => [o.id, o.text]));
  const showInputs = v.isOpen && (v.mode === 'channel' || (v.mode === 'personal' && (!v.hasVoted || (v.changing === true && !poll.anonymous))));
  const prefill = v.changing && v.mine ? v.mine : undefined;
  const typed = v.ballotError;
  // Beside the choices when they are shown; otherwise with the card's other notices.
  const ballotNotice = typed && !showInputs ? typed.text : '';
  const myVote = v.mode === 'personal' && v.mine ? describeBallot(t, v.mine, optionText) : [];
  const rules = [t(`polls.rules.${poll.kind}`, { count: poll.maxChoices }), t(poll.anonymous ? 'polls.rules.anonymous' : 'polls.rules.named'), t(`polls.visibility.${poll.visibility}`)];
  const when = formatLocal(poll.closedAt ?? poll.closesAt, poll.timeZone, v.language);
  const heading = v.mode === 'results' ? t('polls.card.resultsHeading') : t('polls.card.heading');
  const data = {
    heading,
    question: poll.question,
    notice: [v.lateNote ?? '', v.notice?.text ?? '', ballotNotice].filter(Boolean).join(' '),
    noticeColor: v.notice?.tone === 'attention' || ballotNotice ? 'Attention' : 'Good',
    ballotError: showInputs && typed ? typed.text : '',
    rulesText: rules.join(' · '),
    statusText: v.isOpen ? t('polls.card.closes', { when }) : t('polls.card.closed', { when }),
    votedText: t('polls.card.voted', { count: v.voters, total: Math.max(v.electorate, v.voters) }),
    myVote,
    myVoteLabel: t('polls.card.myVote'),
    myVoteNote: v.mode === 'personal' && v.hasVoted && poll.anonymous ? t('polls.card.anonymousVoted') : '',
    showInputs,
    kind: poll.kind,
    chooseLabel: t(poll.kind === 'single' ? 'polls.card.chooseOne' : 'polls.card.chooseMany', { max: poll.maxChoices }),
    choiceValue: typed?.choice ?? (prefill?.kind === 'choices' ? prefill.optionIds.join(',') : ''),
    options: poll.options.map((o) => ({ id: o.id, text: o.text, value: typed?.answers?.[o.id] ?? (prefill?.kind === 'availability' ? (prefill.answers[o.id] ?? '') : '') })),
    answerError: t('polls.errors.answerEveryOption'),
    yesText: t('polls.answers.yes'),
    maybeText: t('polls.answers.maybe'),
    noText: t('polls.answers.no'),
    showResults: Boolean(v.results),
    resultsLabel: t('polls.card.results'),
    results: (v.results?.options ?? []).map((r) => ({
      text: r.text,
      leading: r.leading,
      percent: r.percent,
      figures:
        poll.kind === 'availability'
          ? ` — ${t('polls.card.availabilityFigures', { yes: r.count, maybe: r.maybe, no: r.no })}`
          : ` — ${t('polls.card.figures', { count: r.count, percent: r.percent })}`,
    })),
    tieText: v.results?.tie ? t('polls.card.tie', { count: v.results.options.filter((r) => r.leading).length }) : '',
    resultsHiddenText: v.resultsHidden ? t(`polls.card.hidden.${poll.visibility}`) : '',
    teamId: poll.teamId,
    pollId: poll.id,
    voteText: t(v.hasVoted ? 'polls.card.saveVote' : 'polls.card.vote'),
    showChange: v.mode === 'personal' && v.isOpen && Boolean(v.hasVoted) && !poll.anonymous && !v.changing,
    changeText: t('polls.card.change'),
    showMine: v.mode !== 'personal',
    mineText: t(v.isOpen ? 'polls.card.showMine' : 'polls.card.showResults'),
    canClose: v.mode === 'personal' && v.isOpen && v.isCoChair,
    closeText: t('polls.card.close'),
    decisionVerb: v.mode === 'results' && !v.isOpen ? RECORD_AS_DECISION_VERB : '',
    decisionText: t('polls.card.recordDecision'),
  };
  const card = expandCard(template, data, t);
  const action = { type: 'Action.Execute', verb: POLL_VERBS.view, data: { teamId: poll.teamId, pollId: poll.id } };
  if (v.mode === 'channel') {
    // Each user listed gets their own view (their vote, results as allowed) without asking.
    card.refresh = v.refreshUserIds && v.refreshUserIds.length <= MAX_REFRESH_USERS ? { action, userIds: v.refreshUserIds } : { action };
  } else if (v.mode === 'personal' && v.isOpen) {
    // A personal copy (in the 1:1 chat, or one user's view of the channel card) is its own
    // message: Teams asks for it afresh when it is shown again, so its counts do not go stale.
    card.refresh = v.viewerUserId ? { action, userIds: [v.viewerUserId] } : { action };
  }
  return card;
}

function describeBallot(t: Translate, b: Ballot, text: Map<string, string>): { text: string }[] {
  if (b.kind === 'choices') return b.optionIds.map((id) => ({ text: text.get(id) ?? id }));
  return Object.entries(b.answers)
    .sort(([x], [y]) => Number(x.slice(1)) - Number(y.slice(1)))
    .map(([id, a]) => ({ text: `${t('label', { label: text.get(id) ?? id })} ${t(`polls.answers.${a}`)}` }));
}
