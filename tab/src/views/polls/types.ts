import { formatDateTime } from '../../../../bot/src/kernel/display-time';
import type { MessageKey } from '../../lib/i18n';

export type PollKind = 'single' | 'multiple' | 'availability';
export type Visibility = 'live' | 'after-close' | 'co-chairs';
export const KINDS: PollKind[] = ['single', 'multiple', 'availability'];
export const VISIBILITIES: Visibility[] = ['live', 'after-close', 'co-chairs'];
/** The service's limit (domain/polls/poll.ts). */
export const MAX_OPTIONS = 20;

export interface OptionResult {
  id: string;
  text: string;
  /** Voters who chose it; availability: "yes" answers. */
  count: number;
  maybe: number;
  no: number;
  percent: number;
  leading: boolean;
}

/** GET /api/tab/polls: a page of polls, newest first. */
export interface PollPage {
  polls: PollSummary[];
  nextPageToken?: string | null;
}

/** GET /api/tab/polls (each poll) and polls/:id (bot/src/features/polls/routes/poll-routes.ts). */
export interface PollSummary {
  id: string;
  question: string;
  options: { id: string; text: string }[];
  kind: PollKind;
  maxChoices: number;
  anonymous: boolean;
  visibility: Visibility;
  closesAt: string;
  timeZone: string;
  sessionId: string | null;
  open: boolean;
  voters: number;
  electorate: number;
  createdAt: string;
  closedAt: string | null;
  /** Null when the visibility rule hides them from this viewer. */
  results: { voters: number; options: OptionResult[]; tie: boolean } | null;
}

export interface SessionSummary {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  status: string;
}

export const kindKey = (k: PollKind) => `pollKind_${k}` as MessageKey;
export const visibilityKey = (v: Visibility) => `pollVis_${v}` as MessageKey;
export const hiddenKey = (v: Visibility) => `pollHidden_${v === 'co-chairs' ? 'co-chairs' : 'after-close'}` as MessageKey;

/** A date and time as the poll's own zone sees it, naming the zone (co-chairs may be elsewhere). */
export function inZone(iso: string, timeZone: string, locale: string): string {
  return formatDateTime(new Date(iso), timeZone, locale);
}

/** `YYYY-MM-DD` of a moment in a zone (the form's default closing date). */
export function dateIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(at);
}

/** Co-chairs see results unless they wait for the close (the server applies the same rule). */
export function coChairCanExport(p: PollSummary): boolean {
  return p.visibility !== 'after-close' || !p.open;
}
