import { QuorumError } from '../../bot/src/kernel/errors';
import { checkFields, toProgress } from '../../bot/src/features/work-plan/domain/item-input';
import { buildDigest } from '../../bot/src/features/work-plan/domain/digest';
import { parseRef, type ActionItem } from '../../bot/src/features/work-plan/domain/action-item';
import { parseOneLine } from '../../bot/src/features/work-plan/chat/one-line-item';
import { toCsv } from '../../bot/src/features/work-plan/routes/items-csv';
import { prefill } from '../../bot/src/features/work-plan/chat/message-action';

const reason = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof QuorumError ? err.params.reason : String(err);
  }
  return 'no error';
};

describe('action item input', () => {
  const today = '2027-01-10';
  it.each([
    [{ title: '   ' }, 'workPlan.errors.emptyTitle'],
    [{ title: 'x'.repeat(201) }, 'workPlan.errors.longTitle'],
    [{ due: '2027-02-30' }, 'workPlan.errors.badDate'],
    [{ due: 'tomorrow' }, 'workPlan.errors.badDate'],
    [{ due: '2027-01-09' }, 'workPlan.errors.pastDate'],
    [{ progress: 101 }, 'workPlan.errors.badProgress'],
    [{ progress: -1 }, 'workPlan.errors.badProgress'],
    [{ progress: 12.5 }, 'workPlan.errors.badProgress'],
  ])('refuses %j', (fields, expected) => {
    expect(reason(() => checkFields(fields, today))).toBe(expected);
  });

  it('accepts markup and ${...} as plain text, and today as a due date', () => {
    expect(reason(() => checkFields({ title: '<b>x</b> ${title} **y**', due: today, progress: 100 }, today))).toBe('no error');
  });

  it('reads progress from card input strictly', () => {
    expect(toProgress('42')).toBe(42);
    expect(reason(() => toProgress('4x'))).toBe('workPlan.errors.badProgress');
    expect(reason(() => toProgress(''))).toBe('workPlan.errors.badProgress');
  });

  it('reads references', () => {
    expect(parseRef('A-17')).toBe(17);
    expect(parseRef('a17')).toBe(17);
    expect(parseRef('B-17')).toBeUndefined();
  });
});

describe('the one-line form', () => {
  it('takes the due date anywhere and a priority at the end', () => {
    expect(parseOneLine('Rotate VPN keys due 2027-02-01 high')).toEqual({ title: 'Rotate VPN keys', due: '2027-02-01', priority: 'high' });
    expect(parseOneLine('Rotate VPN keys')).toEqual({ title: 'Rotate VPN keys' });
    expect(parseOneLine('Write the high')).toEqual({ title: 'Write the', priority: 'high' });
    expect(parseOneLine('due 2027-02-01')).toEqual({ title: '', due: '2027-02-01' });
  });
});

describe('exports and prefill', () => {
  const base: ActionItem = {
    tenantId: 't',
    teamId: 'g',
    number: 3,
    title: '=HYPERLINK("x")',
    description: 'a, "b"\nc',
    priority: 'low',
    status: 'open',
    progress: 5,
    createdBy: 'x',
    createdAt: '',
    updatedAt: 'u',
    revision: 1,
  };

  it('neutralises spreadsheet formulas and quotes CSV cells', () => {
    const csv = toCsv([base], new Map());
    expect(csv.split('\r\n')[1]).toBe(`A-3,"'=HYPERLINK(""x"")",open,low,5,,,,,"a, ""b""\nc",u`);
  });

  it('pre-fills a title from the first line of a message', () => {
    expect(prefill({ text: 'Draft the liaison statement\nbefore the call', authorName: 'Lars' })).toEqual({
      title: 'Draft the liaison statement',
      description: 'Draft the liaison statement\nbefore the call\n\n— Lars',
    });
  });

  it('builds the digest from the items as they are', () => {
    const items: ActionItem[] = [
      { ...base, number: 1, due: '2027-01-05', ownerId: 'a', organisation: 'ITU' },
      { ...base, number: 2, due: '2027-01-20', ownerId: 'b' },
      { ...base, number: 3, due: '2027-03-20', ownerId: 'c' },
      { ...base, number: 4, status: 'done', doneAt: '2027-01-08T10:00:00Z' },
      { ...base, number: 5, status: 'done', doneAt: '2026-12-01T10:00:00Z' },
    ];
    const d = buildDigest(items, '2027-01-10', '2027-01-03T08:00:00Z');
    expect(d.overdue.map((i) => i.number)).toEqual([1]);
    expect(d.dueSoon.map((i) => i.number)).toEqual([2]);
    expect(d.doneSince.map((i) => i.number)).toEqual([4]);
    expect(d.byStatus).toMatchObject({ open: 3, done: 2 });
    expect(d.byOrganisation).toEqual([
      { organisation: '', count: 2 },
      { organisation: 'ITU', count: 1 },
    ]);
    expect(d.ownerIds).toEqual(['a', 'b']);
  });
});
