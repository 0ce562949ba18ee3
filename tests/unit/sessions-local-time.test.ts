import { formatLocal, localParts, parseLocalDateTime } from '../../bot/src/kernel/local-time';
import { agendaToText, validateSessionInput } from '../../bot/src/features/sessions/domain/session-input';
import { nextSession, type Session } from '../../bot/src/features/sessions/domain/session';

describe('local times in a group time zone', () => {
  it.each([
    ['2027-01-15', '09:30', 'Europe/Zurich', '2027-01-15T08:30:00.000Z'],
    ['2027-07-15', '09:30', 'Europe/Zurich', '2027-07-15T07:30:00.000Z'],
    ['2027-03-14', '02:30', 'America/New_York', '2027-03-14T07:30:00.000Z'],
    ['2027-11-07', '01:30', 'America/New_York', '2027-11-07T05:30:00.000Z'],
    ['2027-06-01', '23:59', 'Asia/Kolkata', '2027-06-01T18:29:00.000Z'],
  ])('%s %s in %s is %s', (date, time, zone, iso) => {
    expect(parseLocalDateTime(date, time, zone)?.toISOString()).toBe(iso);
  });

  it.each([
    ['2027-02-29', '10:00'],
    ['2027-13-01', '10:00'],
    ['2027-01-01', '24:00'],
    ['01/02/2027', '10:00'],
    ['2027-01-01', '10h'],
  ])('refuses %s %s', (date, time) => {
    expect(parseLocalDateTime(date, time, 'UTC')).toBeUndefined();
  });

  it('round-trips for the edit form and formats for people', () => {
    const at = new Date('2027-07-15T07:30:00Z');
    expect(localParts(at, 'Europe/Zurich')).toEqual({ date: '2027-07-15', time: '09:30' });
    expect(formatLocal(at, 'Europe/Zurich', 'en')).toBe('Jul 15, 2027, 9:30 AM (Europe/Zurich)');
  });
});

describe('session input', () => {
  const base = { title: 'S', startDate: '2027-02-15', startTime: '09:00', endDate: '', endTime: '12:00', timeZone: 'UTC' };

  it('parses the agenda lines and writes them back', () => {
    const d = validateSessionInput({ ...base, agenda: 'Review | Co-chairs | 30 | A-1, A-2 | p1\nAOB' });
    expect(d.agenda).toEqual([
      { title: 'Review', presenter: 'Co-chairs', minutes: 30, actionItemIds: ['A-1', 'A-2'], pollIds: ['p1'] },
      { title: 'AOB', actionItemIds: [], pollIds: [] },
    ]);
    expect(validateSessionInput({ ...base, agenda: agendaToText(d.agenda) }).agenda).toEqual(d.agenda);
  });

  it('picks the session in progress, else the next planned one', () => {
    const s = (id: string, start: string, end: string, status: Session['status'] = 'planned') => ({ id, startsAt: new Date(start), endsAt: new Date(end), status }) as Session;
    const list = [s('past', '2027-01-01T09:00Z', '2027-01-01T12:00Z'), s('later', '2027-03-01T09:00Z', '2027-03-01T12:00Z'), s('now', '2027-02-01T09:00Z', '2027-02-01T12:00Z')];
    expect(nextSession(list, new Date('2027-02-01T10:00Z'))?.id).toBe('now');
    expect(nextSession(list, new Date('2027-02-01T13:00Z'))?.id).toBe('later');
    expect(nextSession([s('x', '2027-03-01T09:00Z', '2027-03-01T12:00Z', 'closed')], new Date('2027-02-01T13:00Z'))).toBeUndefined();
  });
});
