import type { Translate } from '../../../platform/i18n/i18n';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';
import template from './templates/meeting-agenda.json';

/** What the meeting chat sees when the meeting starts. Every string is data (user text in TextRuns). */
export interface MeetingAgendaView {
  /** Replaces the "meeting has started" heading (e.g. when a co-chair links the meeting). */
  heading?: string;
  title: string;
  facts: { label: string; value: string }[];
  place?: string;
  agenda: { title: string; presenter?: string; minutes?: number }[];
  polls: { question: string; closes: string; voters: number; electorate: number }[];
}

/**
 * The largest session (40 agenda items of 300 + 200 characters) fills most of the size budget:
 * polls are cut in number and their questions shortened (the channel's poll cards have them whole).
 */
export const MAX_AGENDA_POLLS = 10;
export const MAX_QUESTION_SHOWN = 200;

const shorten = (text: string) => (text.length > MAX_QUESTION_SHOWN ? `${text.slice(0, MAX_QUESTION_SHOWN - 1)}…` : text);

export function renderMeetingAgendaCard(t: Translate, v: MeetingAgendaView): AdaptiveCard {
  const shown = v.polls.slice(0, MAX_AGENDA_POLLS);
  return expandCard(
    template,
    {
      heading: v.heading ?? t('meetings.agenda.heading'),
      title: v.title,
      facts: v.facts,
      placeLabel: `${t('meetings.agenda.place')} `,
      place: v.place ?? '',
      agendaLabel: t('meetings.agenda.agenda'),
      noAgenda: t('meetings.agenda.noAgenda'),
      agenda: v.agenda.map((a, i) => ({
        number: i + 1,
        title: a.title,
        details: [a.presenter ? ` — ${a.presenter}` : '', a.minutes ? ` (${t('meetings.agenda.minutes', { minutes: a.minutes })})` : ''].join(''),
      })),
      pollsLabel: t('meetings.agenda.polls'),
      noPolls: t('meetings.agenda.noPolls'),
      polls: shown.map((p) => ({ question: shorten(p.question), details: t('meetings.agenda.pollDetails', { closes: p.closes, count: p.voters, electorate: p.electorate }) })),
      pollsHint: t('meetings.agenda.pollsHint'),
      more: v.polls.length > shown.length ? t('meetings.more', { count: v.polls.length - shown.length }) : '',
    },
    t,
  );
}
