import type { DecisionKind, DecisionStatus } from '../../decisions';
import type { ItemStatus } from '../../work-plan';

/**
 * What a report shows, built from plain inputs by report-builders.ts and rendered by the
 * markdown/csv/html renderers. Text fields are user text, kept verbatim: every renderer
 * escapes them for its own format. Never a voter: polls carry counts only.
 */
export interface ReportDecision {
  ref: string;
  kind: DecisionKind;
  title: string;
  text: string;
  rationale?: string;
  /** YYYY-MM-DD in the group's calendar. */
  decidedAt: string;
  status: DecisionStatus;
  /** The later record that amended or revoked it. */
  by?: string;
  /** The record this one amends or revokes. */
  supersedes?: string;
}

export interface ReportPollOption {
  text: string;
  /** Single/multiple: voters who chose it; availability: "yes" answers. */
  votes: number;
  /** Availability only (0 otherwise). */
  maybe: number;
  no: number;
  percent: number;
  leading: boolean;
}

export interface ReportPoll {
  id: string;
  question: string;
  kind: 'single' | 'multiple' | 'availability';
  anonymous: boolean;
  open: boolean;
  voters: number;
  electorate: number;
  /** undefined when the poll's visibility rule hides results from the reader (yet). */
  results?: ReportPollOption[];
  tie: boolean;
}

export interface ReportItem {
  ref: string;
  title: string;
  status: ItemStatus;
  progress: number;
  area?: string;
  organisation?: string;
  /** Created-in-session rows: when created; closed rows: when closed (ISO instant). */
  at: string;
}

export interface ReportAgendaItem {
  title: string;
  presenter?: string;
  minutes?: number;
}

export interface SessionReport {
  kind: 'session';
  groupName: string;
  timeZone: string;
  generatedAt: string;
  session: { id: string; title: string; startsAt: string; endsAt: string; place?: string; status: string };
  agenda: ReportAgendaItem[];
  decisions: ReportDecision[];
  polls: ReportPoll[];
  itemsCreated: ReportItem[];
  itemsClosed: ReportItem[];
}

/** One line of the progress tables: items per status, and their mean progress. */
export interface ProgressBucket {
  /** The area or organisation; '' for items without one. */
  key: string;
  total: number;
  byStatus: Record<ItemStatus, number>;
  /** Mean of the items' progress (0–100), rounded to a whole percent; 0 for no items. */
  averageProgress: number;
}

export interface YearReport {
  kind: 'year';
  groupName: string;
  timeZone: string;
  generatedAt: string;
  year: number;
  decisions: ReportDecision[];
  items: {
    total: ProgressBucket;
    byArea: ProgressBucket[];
    byOrganisation: ProgressBucket[];
  };
}

export type Report = SessionReport | YearReport;
