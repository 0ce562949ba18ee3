import { formatLocal } from '../../../kernel/local-time';
import type { Session } from '../domain/session';
import type { Translate } from '../../../platform/i18n/i18n';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';
import template from './templates/session.json';

export interface SessionCardView {
  session: Session;
  language: string;
  canEdit: boolean;
  /** Open action items carried forward for review (from the work-plan). */
  review: { ref: string; title: string }[];
  heading?: string;
  intro?: string;
  notice?: string;
}

/** A long review list is cut so the card stays under the size budget; the tab shows all. */
const MAX_REVIEW = 50;

export function renderSessionCard(t: Translate, v: SessionCardView): AdaptiveCard {
  const s = v.session;
  const facts = [
    { label: t('sessions.card.starts'), value: formatLocal(s.startsAt, s.timeZone, v.language) },
    { label: t('sessions.card.ends'), value: formatLocal(s.endsAt, s.timeZone, v.language) },
    { label: t('sessions.card.status'), value: t(`sessions.status.${s.status}`) },
  ];
  return expandCard(
    template,
    {
      heading: v.heading ?? t('sessions.card.heading'),
      title: s.title,
      notice: v.notice ?? '',
      intro: v.intro ?? '',
      facts,
      placeLabel: `${t('sessions.card.place')} `,
      place: s.place ?? '',
      description: s.description ?? '',
      agendaLabel: t('sessions.card.agenda'),
      noAgenda: t('sessions.card.noAgenda'),
      agenda: s.agenda.map((a, i) => ({
        number: i + 1,
        title: a.title,
        details: [a.presenter ? ` — ${a.presenter}` : '', a.minutes ? ` (${t('sessions.card.minutes', { minutes: a.minutes })})` : ''].join(''),
        links: [a.actionItemIds.length ? t('sessions.card.actionItems', { ids: a.actionItemIds.join(', ') }) : '', a.pollIds.length ? t('sessions.card.polls', { ids: a.pollIds.join(', ') }) : '']
          .filter(Boolean)
          .join(' · '),
      })),
      reviewLabel: t('sessions.card.review'),
      noReview: t('sessions.card.noReview'),
      review: v.review.slice(0, MAX_REVIEW),
      onlineUrl: s.onlineUrl ?? '',
      joinText: t('sessions.card.join'),
      canEdit: v.canEdit,
      editText: t('sessions.card.edit'),
      teamId: s.teamId,
      sessionId: s.id,
    },
    t,
  );
}
