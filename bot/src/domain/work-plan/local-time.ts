import { Cron } from 'croner';
import { WEEKDAYS, type Weekday } from './work-plan-settings';

/**
 * Wall-clock arithmetic in the group's time zone. Local dates are "YYYY-MM-DD" strings;
 * instants come from croner, which knows each zone's daylight-saving rules (a time that
 * does not exist on a spring-forward day moves to the first valid minute after it).
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

export function localDate(at: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export function localTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
}

/** The instant a local date's wall-clock time "HH:MM" happens in the zone. */
export function instantAt(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const cron = new Cron(`0 ${mi} ${h} ${d} ${mo} *`, { timezone: timeZone });
  // Start two days early in UTC: any zone's local date lies within ±14 h of UTC.
  const at = cron.nextRun(new Date(Date.UTC(y, mo - 1, d) - 2 * 86_400_000));
  cron.stop();
  if (!at || localDate(at, timeZone) !== date) throw new Error(`no ${time} on ${date} in ${timeZone}`);
  return at;
}

/** The first weekly occurrence of day + time strictly after `after`. */
export function nextWeekly(after: Date, day: Weekday, time: string, timeZone: string): Date {
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const cron = new Cron(`0 ${mi} ${h} * * ${WEEKDAYS.indexOf(day)}`, { timezone: timeZone });
  const at = cron.nextRun(after);
  cron.stop();
  if (!at) throw new Error('weekly schedule without a next run');
  return at;
}
