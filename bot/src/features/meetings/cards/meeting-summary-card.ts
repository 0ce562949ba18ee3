import type { ReportPoll, SessionReport } from '../../reports';
import type { Translate } from '../../../platform/i18n/i18n';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';
import template from './templates/meeting-summary.json';

/** Rows per section; the rest is counted ("… and 4 more"), the full report is in the tab. */
export const MAX_SUMMARY_ROWS = 25;
/** Fewer rows, tried in turn when a session's texts are long enough to pass the card size budget. */
const FALLBACK_ROWS = [12, 6, 3, 1];
const MAX_TEXT_SHOWN = 200;
const MAX_OPTION_SHOWN = 100;

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

interface Row {
  lead: string;
  text: string;
  lines: { text: string }[];
}

/** The session summary posted when the meeting ends, from the session report (counts only, never voters). */
export function renderMeetingSummaryCard(t: Translate, report: SessionReport, facts: { label: string; value: string }[]): AdaptiveCard {
  for (const limit of [MAX_SUMMARY_ROWS, ...FALLBACK_ROWS]) {
    try {
      return renderWith(t, report, facts, limit);
    } catch (err) {
      // expandCard refuses a card over the budget; anything else is a real failure.
      if (!(err instanceof Error && /exceeds the \d+ budget/.test(err.message)) || limit === FALLBACK_ROWS[FALLBACK_ROWS.length - 1]) throw err;
    }
  }
  throw new Error('unreachable');
}

function renderWith(t: Translate, report: SessionReport, facts: { label: string; value: string }[], limit: number): AdaptiveCard {
  const section = (label: string, empty: string, rows: Row[]) => ({
    label,
    empty,
    rows: rows.slice(0, limit),
    more: rows.length > limit ? t('meetings.more', { count: rows.length - limit }) : '',
  });
  return expandCard(
    template,
    {
      heading: t('meetings.summary.heading'),
      title: report.session.title,
      facts,
      sections: [
        section(
          t('meetings.summary.decisions'),
          t('meetings.summary.noDecisions'),
          report.decisions.map((d) => ({ lead: `${d.ref} `, text: shorten(d.title, MAX_TEXT_SHOWN), lines: [] })),
        ),
        section(
          t('meetings.summary.itemsCreated'),
          t('meetings.summary.noItemsCreated'),
          report.itemsCreated.map((i) => ({ lead: `${i.ref} `, text: shorten(i.title, MAX_TEXT_SHOWN), lines: [] })),
        ),
        section(
          t('meetings.summary.itemsClosed'),
          t('meetings.summary.noItemsClosed'),
          report.itemsClosed.map((i) => ({ lead: `${i.ref} `, text: shorten(i.title, MAX_TEXT_SHOWN), lines: [] })),
        ),
        section(
          t('meetings.summary.polls'),
          t('meetings.summary.noPolls'),
          report.polls.map((p) => ({ lead: '', text: shorten(p.question, MAX_TEXT_SHOWN), lines: pollLines(t, p) })),
        ),
      ],
    },
    t,
  );
}

function pollLines(t: Translate, p: ReportPoll): { text: string }[] {
  const turnout = { text: t(p.open ? 'meetings.summary.pollOpen' : 'meetings.summary.pollClosed', { count: p.voters, electorate: p.electorate }) };
  if (!p.results) return [turnout, { text: t('meetings.summary.resultsHidden') }];
  const options = p.results
    .map(({ text, ...o }) => ({ option: shorten(text, MAX_OPTION_SHOWN), ...o }))
    .map((o) => ({
      text:
        p.kind === 'availability'
          ? t('meetings.summary.availabilityOption', { option: o.option, yes: o.votes, maybe: o.maybe, no: o.no })
          : t('meetings.summary.option', { option: o.option, votes: o.votes, percent: o.percent }) +
            (o.leading && o.votes > 0 ? ` ${t(p.tie ? 'meetings.summary.tied' : 'meetings.summary.leading')}` : ''),
    }));
  return [turnout, ...options];
}
