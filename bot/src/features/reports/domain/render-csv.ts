import { ITEM_STATUSES } from '../../work-plan';
import { csvDocument, type CsvCell as Cell } from '../../../kernel/csv';
import type { ProgressBucket, ReportItem, SessionReport, YearReport } from './report-model';

/**
 * One table per report, each row tagged with its section so a spreadsheet can filter.
 * Headers and codes (statuses, sections) are stable machine names, not translated; values
 * are the stored text (neutralised where a spreadsheet would run it).
 */
export const SESSION_CSV_HEADER = [
  'section',
  'reference',
  'title',
  'status',
  'date',
  'detail',
  'minutes',
  'option',
  'votes',
  'maybe',
  'no',
  'percent',
  'voters',
  'progress',
  'area',
  'organisation',
] as const;
export const YEAR_CSV_HEADER = ['section', 'key', 'title', 'status', 'date', 'detail', 'total', ...ITEM_STATUSES, 'average-progress'] as const;

type SessionColumn = (typeof SESSION_CSV_HEADER)[number];

function sessionRow(values: Partial<Record<SessionColumn, Cell>>): Cell[] {
  return SESSION_CSV_HEADER.map((c) => values[c]);
}

const itemRow = (section: string, i: ReportItem) =>
  sessionRow({ section, reference: i.ref, title: i.title, status: i.status, date: i.at, progress: i.progress, area: i.area, organisation: i.organisation });

export function sessionCsv(r: SessionReport): string {
  const s = r.session;
  const rows: Cell[][] = [sessionRow({ section: 'session', reference: s.id, title: s.title, status: s.status, date: s.startsAt, detail: s.place })];
  r.agenda.forEach((a, n) => rows.push(sessionRow({ section: 'agenda', reference: n + 1, title: a.title, detail: a.presenter, minutes: a.minutes })));
  for (const d of r.decisions) rows.push(sessionRow({ section: 'decision', reference: d.ref, title: d.title, status: d.status, date: d.decidedAt, detail: d.text }));
  for (const p of r.polls) {
    const status = p.open ? 'open' : 'closed';
    if (!p.results) {
      rows.push(sessionRow({ section: 'poll', reference: p.id, title: p.question, status: `${status}-results-hidden`, detail: p.anonymous ? 'anonymous' : 'named', voters: p.voters }));
      continue;
    }
    for (const o of p.results) {
      const counts = p.kind === 'availability' ? { maybe: o.maybe, no: o.no } : {};
      rows.push(
        sessionRow({
          section: 'poll',
          reference: p.id,
          title: p.question,
          status,
          detail: p.anonymous ? 'anonymous' : 'named',
          option: o.text,
          votes: o.votes,
          ...counts,
          percent: o.percent,
          voters: p.voters,
        }),
      );
    }
  }
  for (const i of r.itemsCreated) rows.push(itemRow('item-created', i));
  for (const i of r.itemsClosed) rows.push(itemRow('item-closed', i));
  return csvDocument(SESSION_CSV_HEADER, rows);
}

const pad = (row: Cell[]): Cell[] => [...row, ...new Array<Cell>(YEAR_CSV_HEADER.length - row.length).fill(undefined)];

function bucketRow(section: string, b: ProgressBucket): Cell[] {
  return [section, b.key, undefined, undefined, undefined, undefined, b.total, ...ITEM_STATUSES.map((s) => b.byStatus[s]), b.averageProgress];
}

export function yearCsv(r: YearReport): string {
  const rows: Cell[][] = [];
  for (const d of r.decisions) rows.push(pad(['decision', d.ref, d.title, d.status, d.decidedAt, d.text]));
  rows.push(bucketRow('items', r.items.total));
  for (const b of r.items.byArea) rows.push(bucketRow('by-area', b));
  for (const b of r.items.byOrganisation) rows.push(bucketRow('by-organisation', b));
  return csvDocument(YEAR_CSV_HEADER, rows);
}
