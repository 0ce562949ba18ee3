import { formatLocal } from '../../../kernel/local-time';
import type { AgendaItem, Session } from '../domain/session';
import type { Translate } from '../../../platform/i18n/i18n';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';
import { cutText, fitCard } from '../../../platform/cards/fit';
import template from './templates/session.json';

export interface SessionCardView {
  session: Session;
  language: string;
  canEdit: boolean;
  /** Open action items carried forward for review (from the work-plan). */
  review: { ref: string; title: string }[];
  /** The session in the tab, where what the card cuts short is whole. */
  tabUrl?: string;
  heading?: string;
  intro?: string;
  notice?: string;
}

/**
 * What the card shows of a session at the limits (40 agenda items of 300 + 200 characters,
 * a 4,000-character description, 50 items to review): texts cut to a line or two, ids
 * counted past a few, and the first of these steps that fits the size budget. What is cut
 * is in the tab, which the card links to.
 */
export const SESSION_CARD_LIMITS = { description: 600, agendaTitle: 150, presenter: 80, ids: 6, reviewTitle: 120 } as const;
const STEPS = [
  { agenda: 40, review: 10 },
  { agenda: 20, review: 5 },
  { agenda: 10, review: 3 },
  { agenda: 5, review: 0 },
  { agenda: 0, review: 0 },
] as const;

export function renderSessionCard(t: Translate, v: SessionCardView): AdaptiveCard {
  const s = v.session;
  const L = SESSION_CARD_LIMITS;
  const facts = [
    { label: t('sessions.card.starts'), value: formatLocal(s.startsAt, s.timeZone, v.language) },
    { label: t('sessions.card.ends'), value: formatLocal(s.endsAt, s.timeZone, v.language) },
    { label: t('sessions.card.status'), value: t(`sessions.status.${s.status}`) },
  ];
  const agenda = s.agenda.map((a, i) => agendaLine(t, a, i));
  const review = v.review.map((r) => ({ ref: r.ref, title: cutText(r.title, L.reviewTitle) }));
  return fitCard(STEPS, (step) =>
    expandCard(
      template,
      {
        heading: v.heading ?? t('sessions.card.heading'),
        title: s.title,
        notice: v.notice ?? '',
        intro: v.intro ?? '',
        facts,
        placeLabel: `${t('sessions.card.place')} `,
        place: s.place ?? '',
        description: cutText(s.description ?? '', L.description),
        agendaLabel: t('sessions.card.agenda'),
        noAgenda: t('sessions.card.noAgenda'),
        hasAgenda: agenda.length > 0,
        agenda: agenda.slice(0, step.agenda),
        moreAgenda: agenda.length > step.agenda ? t('sessions.card.moreAgenda', { count: agenda.length - step.agenda }) : '',
        reviewLabel: t('sessions.card.review'),
        noReview: t('sessions.card.noReview'),
        hasReview: review.length > 0,
        review: review.slice(0, step.review),
        moreReview: review.length > step.review ? t('sessions.card.moreReview', { count: review.length - step.review }) : '',
        onlineUrl: s.onlineUrl ?? '',
        joinText: t('sessions.card.join'),
        tabUrl: v.tabUrl ?? '',
        tabText: t('sessions.card.openInTab'),
        canEdit: v.canEdit,
        editText: t('sessions.card.edit'),
        teamId: s.teamId,
        sessionId: s.id,
      },
      t,
    ),
  );
}

function agendaLine(t: Translate, a: AgendaItem, i: number) {
  const L = SESSION_CARD_LIMITS;
  const ids = (list: readonly string[]) => [list.slice(0, L.ids).join(', '), list.length > L.ids ? t('sessions.card.moreIds', { count: list.length - L.ids }) : ''].filter(Boolean).join(' ');
  return {
    number: i + 1,
    title: cutText(a.title, L.agendaTitle),
    details: [a.presenter ? ` — ${cutText(a.presenter, L.presenter)}` : '', a.minutes ? ` (${t('sessions.card.minutes', { minutes: a.minutes })})` : ''].join(''),
    links: [a.actionItemIds.length ? t('sessions.card.actionItems', { ids: ids(a.actionItemIds) }) : '', a.pollIds.length ? t('sessions.card.polls', { ids: ids(a.pollIds) }) : '']
      .filter(Boolean)
      .join(' · '),
  };
}
