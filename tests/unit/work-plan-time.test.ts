import { addDays, instantAt, localDate } from '../../bot/src/kernel/local-time';
import { nextWeekly, weekdayOf } from '../../bot/src/features/work-plan/domain/weekly-schedule';
import { digestSpec, isCurrentDueSoon, itemReminderSpecs, nextOverdueDate, REMINDER_KINDS, type ItemReminderPayload } from '../../bot/src/features/work-plan/domain/reminder-plan';
import { defaultSettings, type WorkPlanSettings } from '../../bot/src/features/work-plan/domain/work-plan-settings';
import type { ActionItem } from '../../bot/src/features/work-plan/domain/action-item';

const group = { tenantId: 't', teamId: 'team' };
const zurich: WorkPlanSettings = defaultSettings(group, 'Europe/Zurich');
const item = (over: Partial<ActionItem> = {}): ActionItem => ({
  ...group,
  number: 7,
  title: 'Rotate VPN keys',
  description: '',
  ownerId: 'owner-1',
  priority: 'high',
  status: 'open',
  progress: 0,
  due: '2027-04-02',
  createdBy: 'x',
  createdAt: '2027-03-01T00:00:00Z',
  updatedAt: '2027-03-01T00:00:00Z',
  revision: 1,
  ...over,
});

describe('local wall-clock times across daylight-saving changes', () => {
  it('puts 09:00 Zurich at 08:00Z before the March change and 07:00Z after it', () => {
    expect(instantAt('2027-03-26', '09:00', 'Europe/Zurich').toISOString()).toBe('2027-03-26T08:00:00.000Z');
    expect(instantAt('2027-03-29', '09:00', 'Europe/Zurich').toISOString()).toBe('2027-03-29T07:00:00.000Z');
    expect(instantAt('2027-10-29', '09:00', 'Europe/Zurich').toISOString()).toBe('2027-10-29T07:00:00.000Z');
    expect(instantAt('2027-11-01', '09:00', 'Europe/Zurich').toISOString()).toBe('2027-11-01T08:00:00.000Z');
  });

  it('knows New York changes on other dates than Europe', () => {
    expect(instantAt('2027-03-12', '09:00', 'America/New_York').toISOString()).toBe('2027-03-12T14:00:00.000Z');
    expect(instantAt('2027-03-15', '09:00', 'America/New_York').toISOString()).toBe('2027-03-15T13:00:00.000Z');
    expect(instantAt('2027-03-15', '09:00', 'Europe/Vienna').toISOString()).toBe('2027-03-15T08:00:00.000Z');
  });

  it('moves a time that does not exist (spring forward) later by the gap, as sessions and .ics files do', () => {
    const at = instantAt('2027-03-28', '02:30', 'Europe/Zurich');
    expect(localDate(at, 'Europe/Zurich')).toBe('2027-03-28');
    expect(at.toISOString()).toBe('2027-03-28T01:30:00.000Z'); // 03:30 CEST
  });

  it('takes the earlier of a time that happens twice (autumn overlap)', () => {
    expect(instantAt('2027-10-31', '02:30', 'Europe/Zurich').toISOString()).toBe('2027-10-31T00:30:00.000Z'); // 02:30 CEST
  });

  it('puts a weekly digest on a spring-forward day at the same instant a one-off time would get', () => {
    // 2027-03-28 is a Sunday; the digest at 02:30 that day follows the shared rule.
    expect(nextWeekly(new Date('2027-03-27T12:00:00Z'), 'sun', '02:30', 'Europe/Zurich').toISOString()).toBe('2027-03-28T01:30:00.000Z');
  });

  it('finds the next weekly digest strictly after a moment, in local time', () => {
    expect(nextWeekly(new Date('2027-03-23T12:00:00Z'), 'mon', '09:00', 'Europe/Zurich').toISOString()).toBe('2027-03-29T07:00:00.000Z');
    expect(nextWeekly(new Date('2027-03-29T07:00:00Z'), 'mon', '09:00', 'Europe/Zurich').toISOString()).toBe('2027-04-05T07:00:00.000Z');
    const spec = digestSpec(group, zurich, new Date('2027-03-23T12:00:00Z'));
    expect(spec).toMatchObject({ kind: REMINDER_KINDS.digest, key: 'digest|2027-03-29' });
  });

  it('does date arithmetic on local dates', () => {
    expect(addDays('2027-02-27', 2)).toBe('2027-03-01');
    expect(weekdayOf('2027-04-02')).toBe('fri');
  });
});

describe('which reminders an item is owed', () => {
  const now = new Date('2027-03-20T10:00:00Z');

  it('owes due-soon reminders 7 and 1 days before, then an overdue one the next working day, at the digest time', () => {
    const specs = itemReminderSpecs(item(), zurich, now);
    expect(specs.map((s) => [s.kind, s.key, s.dueAt.toISOString()])).toEqual([
      [REMINDER_KINDS.dueSoon, 'item-7|2027-03-26', '2027-03-26T08:00:00.000Z'],
      [REMINDER_KINDS.dueSoon, 'item-7|2027-04-01', '2027-04-01T07:00:00.000Z'],
      // due Friday: Saturday and Sunday are days off, so Monday.
      [REMINDER_KINDS.overdue, 'item-7|2027-04-05', '2027-04-05T07:00:00.000Z'],
    ]);
  });

  it('moves a due-soon reminder that falls on a day off to the working day before', () => {
    const specs = itemReminderSpecs(item({ due: '2027-04-05' }), zurich, now); // a Monday: 1 day before is Sunday
    expect(specs.filter((s) => s.kind === REMINDER_KINDS.dueSoon).map((s) => s.key)).toEqual(['item-7|2027-03-29', 'item-7|2027-04-02']);
  });

  it('owes nothing for a closed item or one without a due date, and skips reminders already past', () => {
    expect(itemReminderSpecs(item({ status: 'done' }), zurich, now)).toEqual([]);
    expect(itemReminderSpecs(item({ due: undefined }), zurich, now)).toEqual([]);
    const late = itemReminderSpecs(item({ due: '2027-03-24' }), zurich, now);
    expect(late.map((s) => s.key)).toEqual(['item-7|2027-03-23', 'item-7|2027-03-25']);
  });

  it('repeats overdue reminders weekly or every working day', () => {
    expect(nextOverdueDate(zurich, '2027-04-05')).toBe('2027-04-12');
    expect(nextOverdueDate({ ...zurich, overdueCadence: 'daily' }, '2027-04-02')).toBe('2027-04-05');
  });

  it('tells a due-soon job scheduled under older settings from a current one', () => {
    const [job] = itemReminderSpecs(item(), zurich, now);
    const p = job!.payload as unknown as ItemReminderPayload;
    expect(isCurrentDueSoon(p, zurich, job!.dueAt)).toBe(true);
    expect(isCurrentDueSoon(p, { ...zurich, digestTime: '10:00' }, job!.dueAt)).toBe(false);
    expect(isCurrentDueSoon(p, { ...zurich, dueSoonDays: [3, 1] }, job!.dueAt)).toBe(false);
    expect(isCurrentDueSoon(p, { ...zurich, timeZone: 'America/New_York' }, job!.dueAt)).toBe(false);
  });
});
