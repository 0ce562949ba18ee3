import { randomUUID } from 'node:crypto';
import { odata } from '@azure/data-tables';
import { QuorumError } from '../../bot/src/kernel/errors';
import type { Poll } from '../../bot/src/features/polls/domain/poll';
import { samplePoll } from '../fixtures/polls';
import type { CastResult } from '../../bot/src/features/polls/domain/ports';
import { testTables, testRepositories } from '../support/storage';

jest.setTimeout(60_000);

const TENANT = '5f2b2c7e-7b1e-4c1a-9d7e-0a1b2c3d4e5f';
const TEAM = '19:anon-race@thread.tacv2';

const poll = (id: string): Poll => samplePoll({ tenantId: TENANT, teamId: TEAM, id, anonymous: true, visibility: 'after-close', createdBy: randomUUID(), electorate: 400 });

/**
 * Anonymous votes all write the poll's one counter row. Two instances (two repositories, each
 * with its own batching) take a burst of votes, double submits included, while the poll is
 * sealed part-way: every vote answered "recorded" is counted once, every other one not at all.
 */
describe('anonymous votes racing each other and the close', () => {
  it('counts exactly the votes that were answered "recorded"', async () => {
    const { tables } = await testTables();
    await tables.ensureTables(['polls', 'pollIndex']);
    const instances = [0, 1].map(() => testRepositories(tables).polls.polls);

    /** One burst against one poll, closed part-way; the invariants hold whatever the timing. */
    const burst = async (p: Poll): Promise<{ closed: number }> => {
      await instances[0]!.create(p);
      const voters = Array.from({ length: 300 }, (_, i) => ({ id: randomUUID(), option: i % 3 }));
      // Every fifth voter submits twice at once, on both instances.
      const attempts = voters.flatMap((v, i) =>
        i % 5 === 0
          ? [
              { ...v, on: 0 },
              { ...v, on: 1 },
            ]
          : [{ ...v, on: i % 2 }],
      );
      let answered = 0;
      let sealed: Promise<void> | undefined;
      const outcomes = await Promise.all(
        attempts.map(async (a): Promise<{ id: string; option: number; result: CastResult | 'closed' }> => {
          try {
            const result = await instances[a.on]!.castAnonymous(p, a.id, { kind: 'choices', optionIds: [`o${a.option}`] });
            return { ...a, result };
          } catch (err) {
            if (err instanceof QuorumError && err.params.reason === 'polls.errors.closed') return { ...a, result: 'closed' };
            throw err;
          } finally {
            // The co-chair closes once a third of the answers are in, while the rest are in flight.
            if (++answered === Math.floor(attempts.length / 3)) sealed = instances[1]!.seal(p);
          }
        }),
      );
      await sealed;
      const recorded = outcomes.filter((o) => o.result !== 'closed' && o.result.outcome === 'recorded');
      expect(recorded.length).toBeGreaterThan(0);
      expect(outcomes.some((o) => o.result !== 'closed' && o.result.outcome === 'already-voted')).toBe(true);
      // Nobody counted twice; a double submit is "recorded" once and "already voted" (or closed) once.
      expect(new Set(recorded.map((o) => o.id)).size).toBe(recorded.length);
      const expected = [0, 0, 0];
      for (const o of recorded) expected[o.option]! += 1;
      expect(await instances[0]!.tally(p)).toEqual({ voters: recorded.length, counts: expected });
      expect([...(await instances[0]!.voters(p))].sort()).toEqual(recorded.map((o) => o.id.toLowerCase()).sort());
      return { closed: outcomes.filter((o) => o.result === 'closed').length };
    };

    // Whether votes are still in flight when the close lands depends on the machine's timing:
    // run bursts until one is cut by the close (each one checked in full), a few at most.
    let p: Poll | undefined;
    let cut = false;
    for (let run = 1; run <= 5 && !cut; run++) {
      p = poll(`p0000000anonrace${run}`);
      cut = (await burst(p)).closed > 0;
    }
    expect(cut).toBe(true);

    // One counter row per poll, sealed: a late vote is refused.
    const counters = [];
    for await (const e of tables.table('polls').listEntities({ queryOptions: { filter: odata`PartitionKey ne ${''} and RowKey ge ${'shard|'} and RowKey lt ${'shard}'}` } })) counters.push(e);
    // (one poll per burst run, each with its one sealed counter row)
    expect(new Set(counters.map((c) => `${c.rowKey} sealed:${c.sealed}`))).toEqual(new Set(['shard|00 sealed:true']));
    await expect(instances[0]!.castAnonymous(p!, randomUUID(), { kind: 'choices', optionIds: ['o0'] })).rejects.toMatchObject({ params: { reason: 'polls.errors.closed' } });
  });
});
