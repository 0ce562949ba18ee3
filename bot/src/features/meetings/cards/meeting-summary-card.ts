import type { ReportPoll, SessionReport } from '../../reports';
import type { Translate } from '../../../platform/i18n/i18n';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';
import { cutText, fitCard } from '../../../platform/cards/fit';
import template from './templates/meeting-summary.json';

/** Rows per section; the rest is counted ("… and 4 more"), the full report is in the tab. */
export const MAX_SUMMARY_ROWS = 15;
/** Fewer rows, tried in turn when a session's texts are long enough to pass the card size budget. */
const FALLBACK_ROWS = [10, 6, 3, 1, 0];
const MAX_TEXT_SHOWN = 150;
const MAX_OPTION_SHOWN = 80;

interface Row {
  lead: string;
  text: string;
  lines: { text: string }[];
}

/** The session summary posted when the meeting ends, from the session report (counts only, never voters). `tabUrl`: the session in the tab. */
export function renderMeetingSummaryCard(t: Translate, report: SessionReport, facts: { label: string; value: string }[], tabUrl = ''): AdaptiveCard {
  return fitCard([MAX_SUMMARY_ROWS, ...FALLBACK_ROWS], (limit) => renderWith(t, report, facts, limit, tabUrl));
}

function renderWith(t: Translate, report: SessionReport, facts: { label: string; value: string }[], limit: number, tabUrl: string): AdaptiveCard {
  const section = (label: string, empty: string, rows: Row[]) => ({
    label,
    empty,
    hasRows: rows.length > 0,
    rows: rows.slice(0, limit),
    more: rows.length > limit ? t('meetings.more', { count: rows.length - limit }) : '',
  });
  return expandCard(
    template,
    {
      tabUrl,
      tabText: t('meetings.openInTab'),
      heading: t('meetings.summary.heading'),
      title: report.session.title,
      facts,
      sections: [
        section(
          t('meetings.summary.decisions'),
          t('meetings.summary.noDecisions'),
          report.decisions.map((d) => ({ lead: `${d.ref} `, text: cutText(d.title, MAX_TEXT_SHOWN), lines: [] })),
        ),
        section(
          t('meetings.summary.itemsCreated'),
          t('meetings.summary.noItemsCreated'),
          report.itemsCreated.map((i) => ({ lead: `${i.ref} `, text: cutText(i.title, MAX_TEXT_SHOWN), lines: [] })),
        ),
        section(
          t('meetings.summary.itemsClosed'),
          t('meetings.summary.noItemsClosed'),
          report.itemsClosed.map((i) => ({ lead: `${i.ref} `, text: cutText(i.title, MAX_TEXT_SHOWN), lines: [] })),
        ),
        section(
          t('meetings.summary.polls'),
          t('meetings.summary.noPolls'),
          report.polls.map((p) => ({ lead: '', text: cutText(p.question, MAX_TEXT_SHOWN), lines: pollLines(t, p) })),
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
    .map(({ text, ...o }) => ({ option: cutText(text, MAX_OPTION_SHOWN), ...o }))
    .map((o) => ({
      text:
        p.kind === 'availability'
          ? t('meetings.summary.availabilityOption', { option: o.option, yes: o.votes, maybe: o.maybe, no: o.no })
          : t('meetings.summary.option', { option: o.option, votes: o.votes, percent: o.percent }) +
            (o.leading && o.votes > 0 ? ` ${t(p.tie ? 'meetings.summary.tied' : 'meetings.summary.leading')}` : ''),
    }));
  return [turnout, ...options];
}
