import { validateDecisionInput, LIMITS } from '../../bot/src/features/decisions/domain/decision-input';
import { formatRef, parseRef } from '../../bot/src/features/decisions/domain/decision';
import { parseDecisionQuery, searchDecisions, pageOf } from '../../bot/src/features/decisions/domain/decision-query';
import type { DecisionRecord } from '../../bot/src/features/decisions/domain/decision';

const TODAY = '2026-06-15';
const reason = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { params?: { reason?: string } }).params?.reason;
  }
  return undefined;
};

describe('decision input', () => {
  it('normalises what it accepts', () => {
    const clean = validateDecisionInput({ title: '  Cafe\u0301\tpolicy ', text: 'Line 1\r\nLine 2\u0007', actionItemIds: 'a-1, a-2;a-1  b:3' }, TODAY);
    expect(clean).toEqual({ kind: 'decision', title: 'Café policy', text: 'Line 1\nLine 2', decidedAt: TODAY, actionItemIds: ['a-1', 'a-2', 'b:3'] });
  });

  it.each([
    [{ title: '', text: 'x' }, 'decisions.errors.emptyTitle'],
    [{ title: '\u0000 ', text: 'x' }, 'decisions.errors.emptyTitle'],
    [{ title: 'x', text: ' \n ' }, 'decisions.errors.emptyText'],
    [{ title: 'x'.repeat(LIMITS.title + 1), text: 'x' }, 'decisions.errors.tooLong.title'],
    [{ title: 'x', text: 'x'.repeat(LIMITS.text + 1) }, 'decisions.errors.tooLong.text'],
    [{ title: 'x', text: 'x', rationale: 'x'.repeat(LIMITS.rationale + 1) }, 'decisions.errors.tooLong.rationale'],
    [{ title: 'x', text: 'x', decidedAt: '2026-13-01' }, 'decisions.errors.badDate'],
    [{ title: 'x', text: 'x', decidedAt: '2026-06-16' }, 'decisions.errors.futureDate'],
    [{ title: 'x', text: 'x', sessionId: 'x'.repeat(101) }, 'decisions.errors.badId.session'],
    [{ title: 'x', text: 'x', pollId: '${poll}' }, 'decisions.errors.badId.poll'],
    [{ title: 'x', text: 'x', actionItemIds: Array.from({ length: 21 }, (_, i) => `a${i}`) }, 'decisions.errors.tooManyActionItems'],
    [{ title: 'x', text: 'x', supersedes: 'D-2026-001' }, 'decisions.errors.targetNotExpected'],
    [{ kind: 'amendment' as const, title: 'x', text: 'x' }, 'decisions.errors.targetNeeded'],
    [{ kind: 'revocation' as const, title: 'x', text: 'x', supersedes: 'D-26-1' }, 'decisions.errors.badRef'],
  ])('refuses %j', (input, expected) => {
    expect(reason(() => validateDecisionInput(input, TODAY))).toBe(expected);
  });

  it('accepts the limits exactly, and a supersede target in any case', () => {
    const clean = validateDecisionInput({ kind: 'amendment', supersedes: ' d-2026-007 ', title: 'x'.repeat(LIMITS.title), text: 'y'.repeat(LIMITS.text), decidedAt: TODAY }, TODAY);
    expect(clean.supersedes).toBe('D-2026-007');
  });

  it('formats and parses references', () => {
    expect(formatRef(2027, 4)).toBe('D-2027-004');
    expect(formatRef(2027, 1234)).toBe('D-2027-1234');
    expect(parseRef('d-2027-004')).toBe('D-2027-004');
    expect(parseRef('D-2027-4')).toBeUndefined();
    expect(parseRef('D-2027-004; drop')).toBeUndefined();
  });
});

describe('decision search', () => {
  const rec = (seq: number, year: number, title: string, text = ''): DecisionRecord => ({ seq, year, ref: formatRef(year, seq), title, text, actionItemIds: [] }) as unknown as DecisionRecord;
  const all = [rec(1, 2025, 'Réunion mensuelle'), rec(2, 2026, 'Budget', 'Approve the budget'), rec(3, 2026, 'Signal', 'Use Signal')];

  it('reads a year and words from what was typed', () => {
    expect(parseDecisionQuery('2026  Budget  Réunion')).toEqual({ year: 2026, words: ['budget', 'reunion'] });
    expect(parseDecisionQuery('')).toEqual({ words: [] });
  });

  it('filters by year and every word, newest first, accents ignored', () => {
    expect(searchDecisions(all, parseDecisionQuery('')).map((r) => r.seq)).toEqual([3, 2, 1]);
    expect(searchDecisions(all, parseDecisionQuery('2026')).map((r) => r.seq)).toEqual([3, 2]);
    expect(searchDecisions(all, parseDecisionQuery('reunion')).map((r) => r.seq)).toEqual([1]);
    expect(searchDecisions(all, parseDecisionQuery('approve budget')).map((r) => r.seq)).toEqual([2]);
    expect(searchDecisions(all, parseDecisionQuery('approve signal'))).toEqual([]);
    expect(searchDecisions(all, parseDecisionQuery('d-2026-003')).map((r) => r.seq)).toEqual([3]);
  });

  it('pages, clamping a page past the end', () => {
    expect(pageOf([1, 2, 3, 4, 5], 1, 2)).toEqual({ items: [3, 4], page: 1, pages: 3, total: 5 });
    expect(pageOf([1, 2, 3], 9, 2)).toEqual({ items: [3], page: 1, pages: 2, total: 3 });
    expect(pageOf([], 0, 10)).toEqual({ items: [], page: 0, pages: 1, total: 0 });
  });
});
