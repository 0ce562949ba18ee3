import { argmax, attack, type SeenRow } from '../support/anonymity-attacker';

const POLL = 'p00000000000fold1';
const VOTERS = ['a1111111-0000-4000-8000-000000000001', 'a2222222-0000-4000-8000-000000000002', 'a3333333-0000-4000-8000-000000000003', 'a4444444-0000-4000-8000-000000000004'];
/** Voter i chose CHOICES[i]; the favourite (option 0, on a tie) is right for 2 of 4. */
const CHOICES = [0, 1, 1, 0];
const TALLY = [2, 2, 0];

const at = (second: number) => `2027-03-01T09:00:${String(second).padStart(2, '0')}.0000000Z`;

function row(order: number, rowKey: string, second: number, props: Record<string, unknown>): SeenRow {
  const seen = { table: 'tPolls', order, partitionKey: `tenant|team|${POLL}`, rowKey, etag: `W/"datetime'${at(second)}'"`, timestamp: at(second), props };
  return { ...seen, json: JSON.stringify({ ...seen, ...props }).toLowerCase() };
}

const markers = (seconds: number[]) => VOTERS.map((v, i) => row(i, `voted|${v}`, seconds[i]!, { aadObjectId: v }));

function best(rows: SeenRow[]): number {
  const results = attack(rows, { pollId: POLL, options: 3, voters: VOTERS }, TALLY);
  return Math.max(...Object.values(results).map((g) => VOTERS.filter((v, i) => g[v] === CHOICES[i]).length));
}

/**
 * The attacker of polls-anonymity-attack.test.ts has teeth: against stored rows shaped like the
 * alternative weighed in docs/polls.md (ballots folded into the counters in batches of 3, the
 * rest pending unreadable) it beats chance; against one counter row holding every ballot it
 * cannot. Chance is guessing the favourite: 2 of 4 right.
 */
describe('the storage attacker', () => {
  const chance = TALLY[argmax(TALLY)]!;

  it('links a voter when ballots are folded in batches: the results minus the batch are the last vote', () => {
    const rows = [
      ...markers([1, 2, 3, 4]),
      // Folded after the third vote; the fourth waits in the pool, its ballot encrypted.
      row(4, 'shard|00', 3, { voters: 3, counts: JSON.stringify([1, 2, 0]), sealed: false }),
      row(5, 'pending|9f3a', 4, { ciphertext: 'Q2lwaGVydGV4dA==' }),
    ];
    expect(chance).toBe(2);
    expect(best(rows)).toBe(3);
  });

  it('links voters to counter shards that hold one vote each', () => {
    const rows = [
      ...markers([1, 2, 3, 4]),
      ...CHOICES.map((c, i) => row(4 + i, `shard|${String(i * 7).padStart(2, '0')}`, i + 1, { voters: 1, counts: JSON.stringify([0, 1, 2].map((o) => Number(o === c))) })),
    ];
    expect(best(rows)).toBe(4);
  });

  it('does no better than chance against one counter row written with the last marker', () => {
    const rows = [...markers([1, 2, 3, 4]), row(4, 'shard|00', 4, { voters: 4, counts: JSON.stringify(TALLY), sealed: false })];
    expect(best(rows)).toBe(chance);
  });
});
