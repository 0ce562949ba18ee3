import type { ReportPoll, SessionReport } from '../../domain/reports/report-model';
import type { Translate } from '../../i18n/i18n';
import { expandCard, type AdaptiveCard } from '../render';
import template from './templates/meeting-summary.json';

/** Rows per section; the rest is counted ("… and 4 more"), the full report is in the tab. */
export const MAX_SUMMARY_ROWS = 25;

interface Row {
  lead: string;
  text: string;
  lines: { text: string }[];
}

/** The session summary posted when the meeting ends, from the session report (counts only, never voters). */
export function renderMeetingSummaryCard(t: Translate, report: SessionReport, facts: { label: string; value: string }[]): AdaptiveCard {
  const section = (label: string, empty: string, rows: Row[]) => ({
    label,
    empty,
    rows: rows.slice(0, MAX_SUMMARY_ROWS),
    more: rows.length > MAX_SUMMARY_ROWS ? t('meetings.more', { count: rows.length - MAX_SUMMARY_ROWS }) : '',
  });
  return expandCard(template, {
    heading: t('meetings.summary.heading'),
    title: report.session.title,
    facts,
    sections: [
      section(t('meetings.summary.decisions'), t('meetings.summary.noDecisions'), report.decisions.map((d) => ({ lead: `${d.ref} `, text: d.title, lines: [] }))),
      section(t('meetings.summary.itemsCreated'), t('meetings.summary.noItemsCreated'), report.itemsCreated.map((i) => ({ lead: `${i.ref} `, text: i.title, lines: [] }))),
      section(t('meetings.summary.itemsClosed'), t('meetings.summary.noItemsClosed'), report.itemsClosed.map((i) => ({ lead: `${i.ref} `, text: i.title, lines: [] }))),
      section(t('meetings.summary.polls'), t('meetings.summary.noPolls'), report.polls.map((p) => ({ lead: '', text: p.question, lines: pollLines(t, p) }))),
    ],
  });
}

function pollLines(t: Translate, p: ReportPoll): { text: string }[] {
  const turnout = { text: t(p.open ? 'meetings.summary.pollOpen' : 'meetings.summary.pollClosed', { voters: p.voters, electorate: p.electorate }) };
  if (!p.results) return [turnout, { text: t('meetings.summary.resultsHidden') }];
  const options = p.results.map((o) => ({
    text:
      p.kind === 'availability'
        ? t('meetings.summary.availabilityOption', { option: o.text, yes: o.votes, maybe: o.maybe, no: o.no })
        : t('meetings.summary.option', { option: o.text, votes: o.votes, percent: o.percent }) + (o.leading && o.votes > 0 ? ` ${t(p.tie ? 'meetings.summary.tied' : 'meetings.summary.leading')}` : ''),
  }));
  return [turnout, ...options];
}
