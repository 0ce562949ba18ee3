import { cadence, weekday, type ReminderSettings, type Weekday } from '../../../../bot/src/features/work-plan/routes/work-plan.contract';

export const WEEKDAYS = weekday.options;
export const CADENCES = cadence.options;

/** What the form edits: numbers kept as typed until saved (the server checks every field). */
export interface Draft extends Omit<ReminderSettings, 'dueSoonDays' | 'escalateAfter'> {
  dueSoonDays: string;
  escalateAfter: string;
}

export const toDraft = (s: ReminderSettings): Draft => ({ ...s, dueSoonDays: s.dueSoonDays.join(', '), escalateAfter: String(s.escalateAfter) });

/** Unparseable numbers are sent as NaN-free placeholders the server refuses with its catalogued message. */
export function fromDraft(d: Draft): ReminderSettings {
  const days = d.dueSoonDays
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map((x) => (/^\d{1,3}$/.test(x) ? Number(x) : -1));
  const escalate = /^\d{1,2}$/.test(d.escalateAfter.trim()) ? Number(d.escalateAfter.trim()) : -1;
  return { ...d, dueSoonDays: days, escalateAfter: escalate };
}

/** Day names in the user's language, from the browser (no catalogue needed). */
export function weekdayName(day: Weekday, locale: string): string {
  // 2023-01-01 was a Sunday.
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2023, 0, 1 + WEEKDAYS.indexOf(day))));
}
