import { addDays, dayOfWeek, instantAt, localDate } from '../../../kernel/local-time';
import { WEEKDAYS, type Weekday } from './work-plan-settings';

/** The work-plan's weekly schedule on top of the shared wall-clock rules (../local-time.ts). */

export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[dayOfWeek(date)]!;
}

/** The first weekly occurrence of day + time strictly after `after`, in the zone. */
export function nextWeekly(after: Date, day: Weekday, time: string, timeZone: string): Date {
  // `after`'s local date, then at most a week on: one of those eight days is `day` with the time still ahead.
  const start = localDate(after, timeZone);
  for (let n = 0; n <= 7; n++) {
    const date = addDays(start, n);
    if (weekdayOf(date) !== day) continue;
    const at = instantAt(date, time, timeZone);
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error('weekly schedule without a next run');
}
