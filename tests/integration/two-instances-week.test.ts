import { runWeek, type WeekOutcome } from '../support/week-scenario';

/**
 * Two service instances on one storage account, sharing a clock, through a simulated week of
 * reminders, polls, decisions and item changes, with the chat traffic spread over both; then
 * the same week with one instance. The outcome must be the same: what the channel received,
 * the tallies, the decision register and its numbering, the items, the scheduler's jobs.
 */
jest.setTimeout(170_000);

describe('two instances on one storage account for a week', () => {
  let two: WeekOutcome;
  let one: WeekOutcome;
  beforeAll(async () => {
    two = await runWeek(2);
    one = await runWeek(1);
  });

  it('the week really happened: digests, reminders, polls with their results, decisions', () => {
    const channel = Object.values(one.posts).flat();
    const count = (text: string) => channel.filter((p) => p.includes(text)).length;
    expect(count('Weekly work-plan digest — 2027-03-08')).toBe(1);
    expect(count('Weekly work-plan digest — 2027-03-15')).toBe(1);
    expect(count('Due soon —')).toBeGreaterThanOrEqual(2);
    expect(count('Overdue — Sofia Marquez')).toBeGreaterThanOrEqual(1);
    expect(count('New decision recorded')).toBe(4);
    expect(one.polls.map((p) => [p.id, p.status, p.resultsPosted, p.tally])).toEqual([
      ['p00000000000000a1', 'closed', true, { voters: 8, counts: [1, 3, 4] }],
      ['p00000000000000a2', 'closed', true, { voters: 6, counts: [2, 2, 2] }],
    ]);
    expect(one.items.map((i) => [i.number, i.status, i.progress])).toEqual([
      [1, 'done', 100],
      [2, 'done', 100],
      [3, 'open', 0],
      [4, 'open', 0],
      [5, 'open', 0],
    ]);
  });

  it('both instances did real work: chat traffic and scheduled jobs on each', () => {
    expect(two.perInstance).toHaveLength(2);
    for (const i of two.perInstance) expect(i.chat).toBeGreaterThan(10);
    expect(two.perInstance.reduce((n, i) => n + i.jobsRun, 0)).toBe(one.perInstance[0]!.jobsRun);
    expect(two.perInstance.every((i) => i.jobsRun > 0)).toBe(true);
  });

  it('the channel received the same posts, and the chat the same answers', () => {
    expect(Object.keys(two.posts).sort()).toEqual(Object.keys(one.posts).sort());
    for (const [conversation, posts] of Object.entries(one.posts)) expect([conversation, two.posts[conversation]]).toEqual([conversation, posts]);
    expect(two.answers).toEqual(one.answers);
    expect(Object.keys(one.finalCards).sort()).toEqual(['p00000000000000a1', 'p00000000000000a2']);
    expect(two.finalCards).toEqual(one.finalCards);
  });

  it('tallies, the decision register, the items and the jobs are the same', () => {
    expect(two.polls).toEqual(one.polls);
    expect(two.decisions).toEqual(one.decisions);
    expect(two.decisions.map((d) => d.ref)).toEqual(['D-2027-001', 'D-2027-002', 'D-2027-003', 'D-2027-004']);
    expect(two.chainOk).toBe(true);
    expect(one.chainOk).toBe(true);
    expect(two.items).toEqual(one.items);
    expect(two.jobs).toEqual(one.jobs);
  });
});
