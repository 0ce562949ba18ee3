import type { GroupRef } from '../../../kernel/identity';
import { retryOnConflict } from '../../../kernel/retry-on-conflict';
import { scheduleAll, type JobSpec } from '../../../kernel/scheduling';
import type { Versioned } from '../../../kernel/versioned';
import { isOpen, type ActionItem } from './action-item';
import { addDays, instantAt, localDate } from '../../../kernel/local-time';
import { nextWeekly, weekdayOf } from './weekly-schedule';
import type { WorkPlanDeps } from './work-plan-deps';
import type { WorkPlanSettings } from './work-plan-settings';

export const REMINDER_KINDS = { dueSoon: 'work-plan.due-soon', overdue: 'work-plan.overdue', digest: 'work-plan.digest' } as const;

/** What an item reminder job carries: enough to tell, when it runs, whether it is still owed. */
export interface ItemReminderPayload {
  item: number;
  due: string;
  /** Owner's object id ('' when an organisation owns it). */
  owner: string;
  org: string;
  /** The local date it is for (in the key too). */
  date: string;
  /** Overdue reminders: the how-manieth (escalation counts them). */
  n: number;
}

function isWorkingDay(s: WorkPlanSettings, date: string): boolean {
  return s.workingDays.includes(weekdayOf(date));
}

function shift(s: WorkPlanSettings, date: string, step: 1 | -1): string {
  let d = date;
  for (let i = 0; i < 7 && !isWorkingDay(s, d); i++) d = addDays(d, step);
  return d;
}

function spec(item: ActionItem, kind: string, date: string, n: number, s: WorkPlanSettings): JobSpec {
  const payload: ItemReminderPayload = { item: item.number, due: item.due ?? '', owner: item.ownerId ?? '', org: item.organisation ?? '', date, n };
  return { tenantId: item.tenantId, teamId: item.teamId, kind, key: `item-${item.number}|${date}`, dueAt: instantAt(date, s.digestTime, s.timeZone), payload: { ...payload } };
}

/** The overdue reminder after the one on `date` (daily: next working day; weekly: a week on). */
export function nextOverdueDate(s: WorkPlanSettings, date: string): string {
  return shift(s, addDays(date, s.overdueCadence === 'daily' ? 1 : 7), 1);
}

/** Reminders an open item with a due date is owed from now on: due-soon ones, then the first overdue one. */
export function itemReminderSpecs(item: ActionItem, s: WorkPlanSettings, now: Date): JobSpec[] {
  if (!isOpen(item) || !item.due) return [];
  const out: JobSpec[] = [];
  const today = localDate(now, s.timeZone);
  for (const days of s.dueSoonDays) {
    // On a day off, remind on the working day before instead.
    const date = shift(s, addDays(item.due, -days), -1);
    if (date < today || date >= item.due) continue;
    const job = spec(item, REMINDER_KINDS.dueSoon, date, 0, s);
    if (job.dueAt > now) out.push(job);
  }
  let date = shift(s, addDays(item.due, 1), 1);
  for (let i = 0; i < 400 && instantAt(date, s.digestTime, s.timeZone) <= now; i++) date = nextOverdueDate(s, date);
  out.push(spec(item, REMINDER_KINDS.overdue, date, 1, s));
  return out;
}

/**
 * Whether a due-soon job is still owed under the current settings (offsets, working days,
 * time and zone may have changed since it was scheduled; the new ones were scheduled then).
 */
export function isCurrentDueSoon(p: ItemReminderPayload, s: WorkPlanSettings, dueAt: Date): boolean {
  const dates = s.dueSoonDays.map((days) => shift(s, addDays(p.due, -days), -1));
  return dates.includes(p.date) && instantAt(p.date, s.digestTime, s.timeZone).getTime() === dueAt.getTime();
}

export function nextOverdueSpec(item: ActionItem, s: WorkPlanSettings, after: ItemReminderPayload): JobSpec {
  return spec(item, REMINDER_KINDS.overdue, nextOverdueDate(s, after.date), after.n + 1, s);
}

/**
 * Stale jobs are left to skip themselves when they run; replacing moves pending ones to new
 * times. `dueSoonOnly` (after a settings change) leaves a running overdue series alone, so
 * it is not started twice.
 */
export async function scheduleItemReminders(deps: Pick<WorkPlanDeps, 'scheduler' | 'clock'>, item: ActionItem, s: WorkPlanSettings, opts: { dueSoonOnly?: boolean } = {}): Promise<void> {
  const jobs = itemReminderSpecs(item, s, deps.clock.now()).filter((job) => !opts.dueSoonOnly || job.kind === REMINDER_KINDS.dueSoon);
  await scheduleAll(deps.scheduler, jobs, { replace: true });
}

export function digestSpec(group: GroupRef, s: WorkPlanSettings, after: Date): JobSpec {
  const at = nextWeekly(after, s.digestDay, s.digestTime, s.timeZone);
  return { tenantId: group.tenantId, teamId: group.teamId, kind: REMINDER_KINDS.digest, key: `digest|${localDate(at, s.timeZone)}`, dueAt: at };
}

/**
 * Makes sure the next weekly digest is owed (settings remember its key, so a digest job left
 * over from an older schedule knows it is stale). `force` recomputes it from now.
 */
export async function scheduleDigest(
  deps: Pick<WorkPlanDeps, 'scheduler' | 'clock' | 'settings'>,
  group: GroupRef & { timeZone?: string },
  initial: WorkPlanSettings,
  opts: { force?: boolean; after?: Date } = {},
): Promise<Versioned<WorkPlanSettings>> {
  const result = await retryOnConflict(async () => {
    const current = await deps.settings.get(group);
    const s = current?.value ?? initial;
    if (current && s.digestJobKey && !opts.force) return { saved: current, job: undefined };
    let job = digestSpec(group, s, opts.after ?? deps.clock.now());
    // One digest a day at most: a schedule changed after today's digest starts next week.
    if (s.lastDigestAt && localDate(new Date(s.lastDigestAt), s.timeZone) === localDate(job.dueAt, s.timeZone)) job = digestSpec(group, s, job.dueAt);
    const saved = await deps.settings.save({ ...s, digestJobKey: job.key }, current?.etag);
    return { saved, job };
  });
  if (result.job) await deps.scheduler.schedule(result.job, { replace: true });
  return result.saved;
}
