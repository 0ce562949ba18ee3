import { formatDateTime } from '../../../../bot/src/kernel/display-time';
import { pollKind, pollVisibility, type PollKind, type PollSummary, type Visibility } from '../../../../bot/src/features/polls/routes/polls.contract';
import type { MessageKey } from '../../lib/i18n';

export const KINDS = pollKind.options;
export const VISIBILITIES = pollVisibility.options;
/** The service's limit (bot/src/features/polls/domain/poll.ts). */
export const MAX_OPTIONS = 20;

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
