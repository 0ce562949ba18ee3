import type { Translate } from '../../../platform/i18n/i18n';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';
import { cutText, fitCard } from '../../../platform/cards/fit';
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
  /** The session in the tab (the whole agenda, the polls). */
  tabUrl?: string;
}

/**
 * The largest session (40 agenda items of 300 + 200 characters, many polls) is shown with
 * its texts cut to a line or two; the channel's poll cards and the tab have them whole. Then
 * the first of the steps that fits the size budget: fewer agenda items and polls, counted.
 */
export const MAX_AGENDA_POLLS = 10;
export const MEETING_AGENDA_LIMITS = { title: 150, presenter: 80, question: 200 } as const;
const STEPS = [
  { agenda: 40, polls: MAX_AGENDA_POLLS },
  { agenda: 20, polls: 5 },
  { agenda: 10, polls: 3 },
  { agenda: 5, polls: 1 },
  { agenda: 0, polls: 0 },
] as const;

export function renderMeetingAgendaCard(t: Translate, v: MeetingAgendaView): AdaptiveCard {
  const L = MEETING_AGENDA_LIMITS;
  const agenda = v.agenda.map((a, i) => ({
    number: i + 1,
    title: cutText(a.title, L.title),
    details: [a.presenter ? ` — ${cutText(a.presenter, L.presenter)}` : '', a.minutes ? ` (${t('meetings.agenda.minutes', { minutes: a.minutes })})` : ''].join(''),
  }));
  const polls = v.polls.map((p) => ({ question: cutText(p.question, L.question), details: t('meetings.agenda.pollDetails', { closes: p.closes, count: p.voters, electorate: p.electorate }) }));
  return fitCard(STEPS, (step) =>
    expandCard(
      template,
      {
        heading: v.heading ?? t('meetings.agenda.heading'),
        title: v.title,
        facts: v.facts,
        placeLabel: `${t('meetings.agenda.place')} `,
        place: v.place ?? '',
        agendaLabel: t('meetings.agenda.agenda'),
        noAgenda: t('meetings.agenda.noAgenda'),
        hasAgenda: agenda.length > 0,
        agenda: agenda.slice(0, step.agenda),
        moreAgenda: agenda.length > step.agenda ? t('meetings.agenda.moreAgenda', { count: agenda.length - step.agenda }) : '',
        pollsLabel: t('meetings.agenda.polls'),
        noPolls: t('meetings.agenda.noPolls'),
        hasPolls: polls.length > 0,
        polls: polls.slice(0, step.polls),
        pollsHint: t('meetings.agenda.pollsHint'),
        more: polls.length > step.polls ? t('meetings.more', { count: polls.length - step.polls }) : '',
        tabUrl: v.tabUrl ?? '',
        tabText: t('meetings.openInTab'),
      },
      t,
    ),
  );
}
