import { parseBallot } from '../../bot/src/features/polls/domain/ballot-input';
import { ballotSlots, canSeeResults, sameBallot, type Poll } from '../../bot/src/features/polls/domain/poll';
import { validatePollInput } from '../../bot/src/features/polls/domain/poll-input';
import { computeResults } from '../../bot/src/features/polls/domain/results';

const now = new Date('2027-03-01T09:00:00Z');
const poll = (over: Partial<Poll> = {}): Poll => ({
  tenantId: 't',
  teamId: 'x',
  id: 'p1',
  question: 'Q',
  options: ['A', 'B', 'C'].map((text, i) => ({ id: `o${i}`, text })),
  kind: 'single',
  maxChoices: 1,
  anonymous: false,
  visibility: 'live',
  closesAt: new Date('2027-03-08T17:00:00Z'),
  timeZone: 'UTC',
  status: 'open',
  createdBy: 'a',
  createdAt: now,
  resultsPosted: false,
  electorate: 10,
  ...over,
});

describe('poll rules', () => {
  it('reads the close time in the group time zone', () => {
    const d = validatePollInput({ question: 'Q', options: 'A\nB', kind: 'single', visibility: 'live', closesDate: '2027-07-01', closesTime: '17:00' }, now, 'Europe/Zurich');
    expect(d.closesAt.toISOString()).toBe('2027-07-01T15:00:00.000Z'); // CEST, UTC+2
    expect(d.options).toEqual([
      { id: 'o0', text: 'A' },
      { id: 'o1', text: 'B' },
    ]);
  });

  it('keeps ${...} and markup as plain text', () => {
    const d = validatePollInput({ question: '${x} **b**', options: '<b>A</b>\n[B](http://x)', kind: 'single', visibility: 'live', closesDate: '2027-07-01', closesTime: '17:00' }, now, 'UTC');
    expect(d.question).toBe('${x} **b**');
    expect(d.options.map((o) => o.text)).toEqual(['<b>A</b>', '[B](http://x)']);
  });

  it('maps ballots to counters, availability three per option', () => {
    const avail = poll({ kind: 'availability' });
    expect(ballotSlots(avail, parseBallot(avail, undefined, { o0: 'yes', o1: 'maybe', o2: 'no' }))).toEqual([0, 4, 8]);
    const multi = poll({ kind: 'multiple', maxChoices: 2 });
    expect(ballotSlots(multi, parseBallot(multi, 'o2,o0', {}))).toEqual([2, 0]);
    expect(sameBallot({ kind: 'choices', optionIds: ['o2', 'o0'] }, { kind: 'choices', optionIds: ['o0', 'o2'] })).toBe(true);
  });

  it('shows ties as ties and ranks availability by yes, then if need be', () => {
    expect(computeResults(poll(), { voters: 4, counts: [2, 2, 0] })).toMatchObject({ tie: true, options: [{ leading: true, percent: 50 }, { leading: true }, { leading: false }] });
    expect(computeResults(poll(), { voters: 0, counts: [0, 0, 0] }).tie).toBe(false);
    const avail = poll({ kind: 'availability' });
    const r = computeResults(avail, { voters: 3, counts: [2, 1, 0, 2, 0, 1, 0, 0, 3] });
    expect(r.tie).toBe(false);
    expect(r.options.map((o) => o.leading)).toEqual([true, false, false]);
    expect(r.options[0]).toMatchObject({ count: 2, maybe: 1, no: 0, percent: 67 });
  });

  it('shows results only as the visibility rule allows', () => {
    expect(canSeeResults(poll({ visibility: 'after-close' }), true, now)).toBe(false);
    expect(canSeeResults(poll({ visibility: 'after-close', status: 'closed' }), false, now)).toBe(true);
    expect(canSeeResults(poll({ visibility: 'co-chairs', status: 'closed' }), false, now)).toBe(false);
    expect(canSeeResults(poll({ visibility: 'co-chairs' }), true, now)).toBe(true);
  });
});
