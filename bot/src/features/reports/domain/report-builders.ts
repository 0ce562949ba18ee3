import type { DecisionRecord } from '../../decisions';
import type { StatusOf } from '../../decisions';
import { dateIn } from '../../../kernel/group-calendar';
import type { Poll } from '../../polls';
import type { PollResults } from '../../polls';
import type { Session } from '../../sessions';
import { CLOSED, isOpen, ITEM_STATUSES, refOf, type ActionItem, type HistoryEntry, type ItemStatus } from '../../work-plan';
import type { ProgressBucket, ReportDecision, ReportItem, ReportPoll, SessionReport, YearReport } from './report-model';

export interface ReportHeader {
  groupName: string;
  timeZone: string;
  now: Date;
}

/** A poll as the reader may see it: `results` undefined when its visibility rule hides them. */
export interface PollWithResults {
  poll: Poll;
  voters: number;
  results?: PollResults;
}

export interface SessionReportInput extends ReportHeader {
  session: Session;
  decisions: readonly (DecisionRecord & StatusOf)[];
  polls: readonly PollWithResults[];
  /** The group's items, and the histories of those that may have closed during the session. */
  items: readonly ActionItem[];
  histories: ReadonlyMap<number, readonly HistoryEntry[]>;
}

export interface YearReportInput extends ReportHeader {
  year: number;
  decisions: readonly (DecisionRecord & StatusOf)[];
  items: readonly ActionItem[];
}

export function toReportDecision(d: DecisionRecord & StatusOf): ReportDecision {
  return {
    ref: d.ref,
    kind: d.kind,
    title: d.title,
    text: d.text,
    decidedAt: d.decidedAt,
    status: d.status,
    ...(d.rationale ? { rationale: d.rationale } : {}),
    ...(d.by ? { by: d.by } : {}),
    ...(d.supersedes ? { supersedes: d.supersedes } : {}),
  };
}

export function toReportPoll({ poll, voters, results }: PollWithResults, now: Date): ReportPoll {
  return {
    id: poll.id,
    question: poll.question,
    kind: poll.kind,
    anonymous: poll.anonymous,
    open: poll.status === 'open' && poll.closesAt.getTime() > now.getTime(),
    voters,
    electorate: poll.electorate,
    tie: results?.tie ?? false,
    // Counts per option only, for named and anonymous polls alike: a report never says who chose what.
    ...(results ? { results: results.options.map((o) => ({ text: o.text, votes: o.count, maybe: o.maybe, no: o.no, percent: o.percent, leading: o.leading })) } : {}),
  };
}

function reportItem(i: ActionItem, at: string): ReportItem {
  return { ref: refOf(i.number), title: i.title, status: i.status, progress: i.progress, at, ...(i.area ? { area: i.area } : {}), ...(i.organisation ? { organisation: i.organisation } : {}) };
}

const within = (iso: string, from: Date, to: Date) => {
  const t = Date.parse(iso);
  return t >= from.getTime() && t <= to.getTime();
};

/** The last change to a closed status (done, dropped) made during [from, to], if any. */
export function closedDuring(history: readonly HistoryEntry[], from: Date, to: Date): HistoryEntry | undefined {
  return history
    .filter((e) => e.field === 'status' && CLOSED.has(e.to as ItemStatus) && within(e.at, from, to))
    .sort((a, b) => a.at.localeCompare(b.at))
    .pop();
}

/** Items whose history must be read for a session report: created by its end and changed since its start. */
export function mayHaveClosedDuring(items: readonly ActionItem[], session: Pick<Session, 'startsAt' | 'endsAt'>): ActionItem[] {
  return items.filter((i) => Date.parse(i.updatedAt) >= session.startsAt.getTime() && Date.parse(i.createdAt) <= session.endsAt.getTime());
}

/** Action items a session created: linked to it, or created while it ran (oldest number first). */
export function createdInSession(items: readonly ActionItem[], s: Pick<Session, 'id' | 'startsAt' | 'endsAt'>): ActionItem[] {
  return items.filter((i) => i.sessionId === s.id || within(i.createdAt, s.startsAt, s.endsAt)).sort((a, b) => a.number - b.number);
}

/**
 * Created in the session: linked to it, or created while it ran. Closed in it: marked done or
 * dropped while it ran (by the history, so a later reopening does not erase the close).
 */
export function buildSessionReport(input: SessionReportInput): SessionReport {
  const { session: s } = input;
  const byNumber = (a: ActionItem, b: ActionItem) => a.number - b.number;
  const created = createdInSession(input.items, s);
  const closed = [...input.items].sort(byNumber).flatMap((i) => {
    const close = closedDuring(input.histories.get(i.number) ?? [], s.startsAt, s.endsAt);
    return close ? [reportItem(i, close.at)] : [];
  });
  return {
    kind: 'session',
    groupName: input.groupName,
    // Shown in the zone the session was planned in, as its card and invitation are.
    timeZone: s.timeZone || input.timeZone,
    generatedAt: input.now.toISOString(),
    session: { id: s.id, title: s.title, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), status: s.status, ...(s.place ? { place: s.place } : {}) },
    agenda: s.agenda.map((a) => ({ title: a.title, ...(a.presenter ? { presenter: a.presenter } : {}), ...(a.minutes !== undefined ? { minutes: a.minutes } : {}) })),
    decisions: [...input.decisions].sort((a, b) => a.seq - b.seq).map(toReportDecision),
    polls: [...input.polls].sort((a, b) => a.poll.createdAt.getTime() - b.poll.createdAt.getTime()).map((p) => toReportPoll(p, input.now)),
    itemsCreated: created.map((i) => reportItem(i, i.createdAt)),
    itemsClosed: closed,
  };
}

/** When an item stopped being open: done has its date; a dropped item's last change is its drop. */
function closedAt(i: ActionItem): string | undefined {
  if (isOpen(i)) return undefined;
  return i.status === 'done' ? (i.doneAt ?? i.updatedAt) : i.updatedAt;
}

/**
 * The year's work-plan: items created by the end of the year and not closed before it began
 * (years in the group's time zone). Status and progress are as of the report.
 */
export function itemsOfYear(items: readonly ActionItem[], year: number, timeZone: string): ActionItem[] {
  const yearOf = (iso: string) => dateIn(timeZone, new Date(iso)).year;
  return items.filter((i) => {
    const closed = closedAt(i);
    return yearOf(i.createdAt) <= year && (closed === undefined || yearOf(closed) >= year);
  });
}

export function bucket(key: string, items: readonly ActionItem[]): ProgressBucket {
  const byStatus = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>;
  for (const i of items) byStatus[i.status]++;
  const sum = items.reduce((n, i) => n + i.progress, 0);
  return { key, total: items.length, byStatus, averageProgress: items.length ? Math.round(sum / items.length) : 0 };
}

/** Buckets by a field, named ones alphabetically (case-insensitively merged), the unnamed last. */
export function groupBy(items: readonly ActionItem[], field: 'area' | 'organisation'): ProgressBucket[] {
  const groups = new Map<string, { key: string; items: ActionItem[] }>();
  for (const i of items) {
    const key = (i[field] ?? '').trim();
    const g = groups.get(key.toLowerCase()) ?? { key, items: [] };
    g.items.push(i);
    groups.set(key.toLowerCase(), g);
  }
  return [...groups.values()].sort((a, b) => (a.key === '' ? 1 : b.key === '' ? -1 : a.key.localeCompare(b.key))).map((g) => bucket(g.key, g.items));
}

export function buildYearReport(input: YearReportInput): YearReport {
  const items = itemsOfYear(input.items, input.year, input.timeZone);
  return {
    kind: 'year',
    groupName: input.groupName,
    timeZone: input.timeZone,
    generatedAt: input.now.toISOString(),
    year: input.year,
    decisions: input.decisions
      .filter((d) => d.year === input.year)
      .sort((a, b) => a.seq - b.seq)
      .map(toReportDecision),
    items: { total: bucket('', items), byArea: groupBy(items, 'area'), byOrganisation: groupBy(items, 'organisation') },
  };
}
