import type { GroupRef } from '../../../kernel/identity';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const CADENCES = ['daily', 'weekly'] as const;

/** A group has at most this many organisations, each at most this long (checkSettings). */
export const MAX_ORGANISATIONS = 100;
export const MAX_ORGANISATION_CHARS = 100;
/**
 * The longest list of organisations the settings card's box sends, one per line: every
 * allowed list fits (a line break may be CR LF), so the box never cuts one off, and the
 * server refuses anything longer instead of cutting it.
 */
export const ORGANISATIONS_TEXT_MAX = MAX_ORGANISATIONS * (MAX_ORGANISATION_CHARS + 2);
export type OverdueCadence = (typeof CADENCES)[number];

/**
 * The group's reminder settings: the source of truth for every time a reminder is due.
 * (The core Group has a timeZone too; reminders read this one.)
 */
export interface WorkPlanSettings extends GroupRef {
  timeZone: string;
  digestDay: Weekday;
  /** Local wall-clock time "HH:MM"; reminders about items go out at this time too. */
  digestTime: string;
  /** Days before the due date a "due soon" reminder goes out, e.g. [7, 1]. */
  dueSoonDays: number[];
  overdueCadence: OverdueCadence;
  /** From this many overdue reminders on, co-chairs are mentioned too (0: never). */
  escalateAfter: number;
  workingDays: Weekday[];
  organisations: string[];
  /** The digest job currently owed; any other digest job is stale and skips. */
  digestJobKey?: string;
  lastDigestAt?: string;
}

/** Until a co-chair changes them; the time zone starts as the core group's. */
export function defaultSettings(group: GroupRef, timeZone: string): WorkPlanSettings {
  return {
    tenantId: group.tenantId,
    teamId: group.teamId,
    timeZone: isTimeZone(timeZone) ? timeZone : 'UTC',
    digestDay: 'mon',
    digestTime: '09:00',
    dueSoonDays: [7, 1],
    overdueCadence: 'weekly',
    escalateAfter: 3,
    workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
    organisations: [],
  };
}

export function isTimeZone(tz: string): boolean {
  return tz === 'UTC' || Intl.supportedValuesOf('timeZone').includes(tz);
}
