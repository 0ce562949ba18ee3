import type { Poll } from '../../bot/src/features/polls/domain/poll';
import { computeResults } from '../../bot/src/features/polls/domain/results';
import { bucket, buildSessionReport, closedDuring, groupBy, itemsOfYear, mayHaveClosedDuring, toReportPoll } from '../../bot/src/features/reports/domain/report-builders';
import type { Session } from '../../bot/src/features/sessions/domain/session';
import type { ActionItem, HistoryEntry } from '../../bot/src/features/work-plan/domain/action-item';

const group = { tenantId: 't', teamId: 'team' };
let n = 0;
const item = (over: Partial<ActionItem> = {}): ActionItem => ({
  ...group,
  number: ++n,
  title: `Item ${n}`,
  description: '',
  priority: 'medium',
  status: 'open',
  progress: 0,
  createdBy: 'a',
  createdAt: '2027-02-01T09:00:00.000Z',
  updatedAt: '2027-02-01T09:00:00.000Z',
  revision: 1,
  ...over,
});
const statusChange = (number: number, at: string, from: string, to: string): HistoryEntry => ({ number, revision: 2, at, by: 'a', byName: 'A', field: 'status', from, to });

describe('work-plan aggregation', () => {
  it('counts each status and averages progress (rounded)', () => {
    const items = [
      item({ progress: 0 }),
      item({ status: 'in-progress', progress: 50 }),
      item({ status: 'done', progress: 100 }),
      item({ status: 'blocked', progress: 33 }),
      item({ status: 'dropped', progress: 10 }),
    ];
    expect(bucket('', items)).toEqual({ key: '', total: 5, byStatus: { open: 1, 'in-progress': 1, blocked: 1, done: 1, dropped: 1 }, averageProgress: 39 }); // 193 / 5 = 38.6
    expect(bucket('x', [item({ progress: 50 }), item({ progress: 51 })]).averageProgress).toBe(51); // 50.5 rounds up
    expect(bucket('none', [])).toEqual({ key: 'none', total: 0, byStatus: { open: 0, 'in-progress': 0, blocked: 0, done: 0, dropped: 0 }, averageProgress: 0 });
  });

  it('groups by area and by organisation: names sorted, spellings merged, items without one last', () => {
    const items = [
      item({ area: 'Network', organisation: 'ITU', progress: 20 }),
      item({ area: 'identity', status: 'done', progress: 100 }),
      item({ area: 'Identity ', organisation: 'itu', progress: 40 }),
      item({ progress: 0, organisation: 'ENISA' }),
    ];
    const byArea = groupBy(items, 'area');
    expect(byArea.map((b) => [b.key, b.total, b.byStatus.done, b.averageProgress])).toEqual([
      ['identity', 2, 1, 70],
      ['Network', 1, 0, 20],
      ['', 1, 0, 0],
    ]);
    expect(groupBy(items, 'organisation').map((b) => [b.key, b.total, b.averageProgress])).toEqual([
      ['ENISA', 1, 0],
      ['ITU', 2, 30],
      ['', 1, 100],
    ]);
    // Every item is in exactly one bucket of each table.
    expect(byArea.reduce((s, b) => s + b.total, 0)).toBe(items.length);
  });

  it("takes a year's items in the group's time zone: created by its end, not closed before it began", () => {
    const open2026 = item({ createdAt: '2026-05-01T09:00:00.000Z' });
    const done2026 = item({ createdAt: '2026-05-01T09:00:00.000Z', status: 'done', doneAt: '2026-12-01T09:00:00.000Z', updatedAt: '2026-12-01T09:00:00.000Z' });
    // 23:30 UTC on 31 Dec is already 2027 in Zurich.
    const doneNewYear = item({ createdAt: '2026-05-01T09:00:00.000Z', status: 'done', doneAt: '2026-12-31T23:30:00.000Z', updatedAt: '2026-12-31T23:30:00.000Z' });
    const dropped2026 = item({ createdAt: '2026-05-01T09:00:00.000Z', status: 'dropped', updatedAt: '2026-10-01T09:00:00.000Z' });
    const created2027 = item({ createdAt: '2027-06-01T09:00:00.000Z' });
    const created2028 = item({ createdAt: '2027-12-31T23:30:00.000Z' }); // 2028 in Zurich
    const all = [open2026, done2026, doneNewYear, dropped2026, created2027, created2028];
    expect(itemsOfYear(all, 2027, 'Europe/Zurich').map((i) => i.number)).toEqual([open2026.number, doneNewYear.number, created2027.number]);
    expect(itemsOfYear(all, 2027, 'UTC').map((i) => i.number)).toEqual([open2026.number, created2027.number, created2028.number]);
  });
});

describe('session report: what was created and closed in it', () => {
  const session: Session = {
    ...group,
    id: 's1',
    title: 'Plenary',
    startsAt: new Date('2027-03-10T08:00:00Z'),
    endsAt: new Date('2027-03-10T12:00:00Z'),
    timeZone: 'UTC',
    agenda: [],
    status: 'planned',
    createdBy: 'a',
    updatedAt: new Date('2027-03-01T00:00:00Z'),
  };

  it('reads a close from the history: to done or dropped, inside the session, even if reopened since', () => {
    const from = session.startsAt;
    const to = session.endsAt;
    expect(closedDuring([statusChange(1, '2027-03-10T07:59:59.000Z', 'open', 'done')], from, to)).toBeUndefined();
    expect(closedDuring([statusChange(1, '2027-03-10T09:00:00.000Z', 'open', 'blocked')], from, to)).toBeUndefined();
    expect(closedDuring([statusChange(1, '2027-03-10T09:00:00.000Z', 'open', 'dropped'), statusChange(1, '2027-03-10T10:00:00.000Z', 'dropped', 'open')], from, to)?.to).toBe('dropped');
    expect(closedDuring([statusChange(1, '2027-03-10T12:00:00.000Z', 'open', 'done')], from, to)?.at).toBe('2027-03-10T12:00:00.000Z');
  });

  it('lists items linked to the session or created during it, and items closed during it', () => {
    const linked = item({ sessionId: 's1', createdAt: '2027-03-01T09:00:00.000Z' });
    const during = item({ createdAt: '2027-03-10T09:30:00.000Z', updatedAt: '2027-03-10T09:30:00.000Z' });
    const before = item({ createdAt: '2027-01-01T09:00:00.000Z', status: 'done', progress: 100, updatedAt: '2027-03-10T10:00:00.000Z' });
    const untouched = item({ createdAt: '2027-01-01T09:00:00.000Z' });
    const after = item({ createdAt: '2027-03-10T12:30:00.000Z', updatedAt: '2027-03-10T12:30:00.000Z' });
    const items = [untouched, before, during, linked, after];
    expect(mayHaveClosedDuring(items, session).map((i) => i.number)).toEqual([before.number, during.number]);
    const report = buildSessionReport({
      groupName: 'G',
      timeZone: 'UTC',
      now: new Date('2027-03-11T00:00:00Z'),
      session,
      decisions: [],
      polls: [],
      items,
      histories: new Map([[before.number, [statusChange(before.number, '2027-03-10T10:00:00.000Z', 'open', 'done')]]]),
    });
    expect(report.itemsCreated.map((i) => i.ref)).toEqual([`A-${linked.number}`, `A-${during.number}`]); // by number
    expect(report.itemsClosed).toEqual([{ ref: `A-${before.number}`, title: before.title, status: 'done', progress: 100, at: '2027-03-10T10:00:00.000Z' }]);
  });
});

describe('polls in reports: counts only, never voters', () => {
  const poll: Poll = {
    ...group,
    id: 'p1',
    question: 'Q',
    options: ['A', 'B'].map((text, i) => ({ id: `o${i}`, text })),
    kind: 'single',
    maxChoices: 1,
    anonymous: false,
    visibility: 'after-close',
    closesAt: new Date('2027-03-10T10:00:00Z'),
    timeZone: 'UTC',
    status: 'closed',
    createdBy: 'a',
    createdAt: new Date('2027-03-01T00:00:00Z'),
    resultsPosted: true,
    electorate: 5,
  };

  it('keeps option results and the voter count, nothing per voter', () => {
    const r = toReportPoll({ poll, voters: 3, results: computeResults(poll, { voters: 3, counts: [2, 1] }) }, new Date('2027-03-11T00:00:00Z'));
    expect(r).toEqual({
      id: 'p1',
      question: 'Q',
      kind: 'single',
      anonymous: false,
      open: false,
      voters: 3,
      electorate: 5,
      tie: false,
      results: [
        { text: 'A', votes: 2, maybe: 0, no: 0, percent: 67, leading: true },
        { text: 'B', votes: 1, maybe: 0, no: 0, percent: 33, leading: false },
      ],
    });
  });

  it('has no results when the reader may not see them yet', () => {
    const r = toReportPoll({ poll: { ...poll, status: 'open', closesAt: new Date('2027-04-01T00:00:00Z') }, voters: 2 }, new Date('2027-03-11T00:00:00Z'));
    expect(r.results).toBeUndefined();
    expect(r.open).toBe(true);
  });
});
