import { Temporal } from 'temporal-polyfill';
import { formatDate, formatDateTime } from './display-time';

/**
 * Wall-clock times in a group's IANA time zone, for every feature (sessions, polls, reminders).
 *
 * One rule for times that do not exist or happen twice, the one of Temporal's `compatible`
 * disambiguation and of RFC 5545 (which the session .ics files follow, so Outlook shows what
 * Quorum stored): a time in a spring-forward gap moves later by the gap's length (02:30 on the
 * day Zurich skips 02:00–03:00 is 03:30), and a time in an autumn overlap is the earlier of
 * the two.
 */

/** Building an Intl.DateTimeFormat costs far more than using one: keep one per zone and style. */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formats.get(key);
  if (!f) {
    if (formats.size > 500) formats.clear();
    f = make();
    formats.set(key, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Input.Time sends HH:mm; some clients add seconds, which are ignored. */
const TIME = /^(\d{2}):(\d{2})(?::\d{2})?$/;

/** A real calendar date written `YYYY-MM-DD` (not Feb 30). */
export function isLocalDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** `2027-03-14` + `14:30` in `Europe/Zurich` → the instant; undefined when malformed or impossible (Feb 30, 24:00). */
export function parseLocalDateTime(date: string, time: string, timeZone: string): Date | undefined {
  const d = date.trim();
  const t = TIME.exec(time.trim());
  if (!isLocalDate(d) || !t || !isValidTimeZone(timeZone)) return undefined;
  const [h, mi] = [Number(t[1]), Number(t[2])];
  if (h > 23 || mi > 59) return undefined;
  const [y, mo, da] = d.split('-').map(Number) as [number, number, number];
  const local = Temporal.PlainDateTime.from({ year: y, month: mo, day: da, hour: h, minute: mi });
  return new Date(local.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds);
}

/** As parseLocalDateTime, for values the program built itself: malformed input is a bug. */
export function instantAt(date: string, time: string, timeZone: string): Date {
  const at = parseLocalDateTime(date, time, timeZone);
  if (!at) throw new Error(`no ${time} on ${date} in ${timeZone}`);
  return at;
}

/** The instant's date `YYYY-MM-DD` in the zone. */
export function localDate(at: Date, timeZone: string): string {
  return localParts(at, timeZone).date;
}

/** The instant as `YYYY-MM-DD` and `HH:mm` in the zone (to prefill Input.Date / Input.Time). */
export function localParts(at: Date, timeZone: string): { date: string; time: string } {
  const f = formatter(
    `parts|${timeZone}`,
    () => new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }),
  );
  const parts = f.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** For people: "Mar 14, 2027, 2:30 PM (Europe/Zurich)" in their language, as the tab shows it too. */
export function formatLocal(at: Date, timeZone: string, language: string): string {
  return formatDateTime(at, timeZone, language);
}

/** For people: "Mar 14, 2027" in their language, the date in the zone. */
export function formatLocalDate(at: Date, timeZone: string, language: string): string {
  return formatDate(at, timeZone, language);
}

/** Calendar arithmetic on `YYYY-MM-DD` dates (no zone: a local date is a date). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, as Date.getUTCDay. */
export function dayOfWeek(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}
