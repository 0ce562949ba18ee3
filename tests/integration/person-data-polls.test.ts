import { randomUUID } from 'node:crypto';
import type { Poll } from '../../bot/src/features/polls/domain/poll';
import { samplePoll } from '../fixtures/polls';
import { pollsPersonalData } from '../../bot/src/features/polls/person-data';
import { testTables } from '../support/storage';

jest.setTimeout(60_000);

const TENANT = '5f2b2c7e-7b1e-4c1a-9d7e-0a1b2c3d4e5f';
const TEAM = '19:erase-race@thread.tacv2';
const PERSON = '1e7c2d4f-6b8a-4f3c-9d0e-2a3b4c5d6e7f';
const voters = Array.from({ length: 20 }, () => randomUUID());

/**
 * Withdrawing a named ballot from an open poll while other people vote and change their votes
 * on every shard: the tally must still equal a recount of the ballots, with the person's gone.
 */
describe('erasing a named ballot while the poll is busy', () => {
  it('leaves the counters equal to a recount of the remaining ballots', async () => {
    const { repos } = await testTables();
    const repo = repos.polls.polls;
    const poll: Poll = samplePoll({ tenantId: TENANT, teamId: TEAM, id: 'p00000000000race1', createdBy: voters[0]!, electorate: 21 });
    await repo.create(poll);
    await repo.castNamed(poll, { aadObjectId: PERSON, name: 'Lars' }, { kind: 'choices', optionIds: ['o2'] });
    for (const v of voters) await repo.castNamed(poll, { aadObjectId: v, name: 'x' }, { kind: 'choices', optionIds: ['o0'] });

    const person = { tenantId: TENANT, aadObjectId: PERSON, groups: [{ tenantId: TENANT, teamId: TEAM }] };
    let done = false;
    // Everyone keeps changing their vote while the person's ballot is withdrawn — the person
    // too (a change landing between the erasure's reads and its write must not be lost from,
    // or left in, the counters).
    const churn = Promise.all([
      ...voters.map(async (v, i) => {
        for (let k = 0; k < 4; k++) await repo.castNamed(poll, { aadObjectId: v, name: 'x' }, { kind: 'choices', optionIds: [`o${(i + k) % 2}`] });
      }),
      ...[0, 1, 2].map(async (j) => {
        for (let k = 0; !done; k++) await repo.castNamed(poll, { aadObjectId: PERSON, name: 'Lars' }, { kind: 'choices', optionIds: [`o${(j + k) % 2}`] });
      }),
    ]);
    const erased = await pollsPersonalData(repos.polls.person)
      .erase(person)
      .finally(() => (done = true));
    await churn;
    expect(erased.counts.namedVotesWithdrawn).toBe(1);

    const tally = await repo.tally(poll);
    const ballots = await repo.namedVotes(poll);
    const recount = [0, 0, 0];
    for (const b of ballots) if (b.ballot.kind === 'choices') for (const id of b.ballot.optionIds) recount[Number(id.slice(1))]! += 1;
    // The person may have voted again after the withdrawal; either way the counters match the ballots.
    expect(tally).toEqual({ voters: ballots.length, counts: recount });
    expect(ballots.length - voters.length).toBe(ballots.some((b) => b.aadObjectId === PERSON) ? 1 : 0);
    expect(recount[2]).toBe(0);
  });
});
