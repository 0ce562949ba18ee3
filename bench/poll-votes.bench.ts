/**
 * Poll voting benchmark (not a test): `npx tsx bench/poll-votes.bench.ts`.
 *
 * 1. Votes per second through POST /api/messages (real Teams invoke payloads, the real
 *    service, Azurite in memory) against the raw storage write rate (one upsert per call)
 *    measured in the same run at the same concurrency.
 * 2. Time per vote (sequential, through /api/messages) with 100 and with 5,000 votes already
 *    cast: the goal is a ratio ≤ 1.5, i.e. a vote's cost does not grow with the votes cast.
 * Everything runs on loopback and stops by itself (a hard limit ends a stuck run).
 */
import { randomUUID } from 'node:crypto';
import { median, report } from './lib/figures';
import { addMembers, GROUP, startBenchStack, type BenchStack, type Person } from './support/bench-stack';
import { mapLimit } from '../bot/src/kernel/map-limit';

const BENCH = 'poll-votes';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const THROUGHPUT_VOTES = Number(process.env.BENCH_VOTES ?? 1000);
const SAMPLE_VOTES = Number(process.env.BENCH_SAMPLE ?? 150);
const HARD_LIMIT_MS = 10 * 60_000;

async function createPoll(stack: BenchStack, question: string): Promise<string> {
  const pollId = `p${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const closes = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const res = JSON.stringify(await stack.invoke('amina', 'poll.create', { pollId, question, options: 'A\nB\nC\nD', kind: 'single', visibility: 'live', closesDate: closes, closesTime: '17:00' }));
  if (!res.includes('posted in the channel')) throw new Error(`poll not created: ${res.slice(0, 300)}`);
  return pollId;
}

async function timeVotes(stack: BenchStack, pollId: string, voters: Person[], concurrency: number): Promise<number> {
  const t0 = performance.now();
  await mapLimit(voters, concurrency, async (p) => {
    const body = JSON.stringify(await stack.invoke(p, 'poll.vote', { pollId, choice: `o${p.name.length % 4}` }));
    if (!body.includes('Your vote is recorded')) throw new Error(`vote refused: ${body.slice(0, 300)}`);
  });
  return performance.now() - t0;
}

/** Sequential votes (latency, not queueing): the median time of one vote. */
async function medianVoteMs(stack: BenchStack, pollId: string, voters: Person[]): Promise<number> {
  const times: number[] = [];
  for (const p of voters) {
    const t0 = performance.now();
    const body = JSON.stringify(await stack.invoke(p, 'poll.vote', { pollId, choice: 'o2' }));
    times.push(performance.now() - t0);
    if (!body.includes('Your vote is recorded')) throw new Error(`vote refused: ${body.slice(0, 300)}`);
  }
  return median(times);
}

/** Votes cast straight into storage (same transaction as the bot uses), to reach a given count fast. */
async function prefill(stack: BenchStack, pollId: string, voters: Person[]): Promise<void> {
  const poll = (await stack.polls.get(GROUP, pollId))!.value;
  await mapLimit(voters, CONCURRENCY, (p) => stack.polls.castNamed(poll, p, { kind: 'choices', optionIds: ['o1'] }));
}

async function rawWrites(stack: BenchStack, count: number, concurrency: number): Promise<number> {
  const table = stack.rawTable('benchRaw');
  await table.createTable();
  const rows = Array.from({ length: count }, (_, i) => i);
  const t0 = performance.now();
  await mapLimit(rows, concurrency, (i) =>
    table.upsertEntity({ partitionKey: 'raw', rowKey: `r${i}`, aadObjectId: randomUUID(), name: `Voter ${i}`, ballot: '{"kind":"choices","optionIds":["o1"]}' }, 'Replace'),
  );
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const timer = setTimeout(() => {
    console.error('benchmark exceeded its time limit');
    process.exit(2);
  }, HARD_LIMIT_MS);
  timer.unref();
  const stack = await startBenchStack();
  try {
    const voters = await addMembers(stack.tables, THROUGHPUT_VOTES + 5_000 + 2 * SAMPLE_VOTES, 'voter');
    const throughputVoters = voters.slice(0, THROUGHPUT_VOTES);
    const fill = voters.slice(THROUGHPUT_VOTES, THROUGHPUT_VOTES + 5_000);
    const sampleA = voters.slice(THROUGHPUT_VOTES + 5_000, THROUGHPUT_VOTES + 5_000 + SAMPLE_VOTES);
    const sampleB = voters.slice(THROUGHPUT_VOTES + 5_000 + SAMPLE_VOTES);

    // 1. Throughput through /api/messages vs raw storage writes, same concurrency.
    const p1 = await createPoll(stack, 'Throughput');
    await timeVotes(stack, p1, voters.slice(-10), 4); // warm-up (JIT, sockets)
    const botMs = await timeVotes(stack, p1, throughputVoters.slice(0, THROUGHPUT_VOTES - 10), CONCURRENCY);
    const botRate = ((THROUGHPUT_VOTES - 10) / botMs) * 1000;
    const rawMs = await rawWrites(stack, THROUGHPUT_VOTES, CONCURRENCY);
    const rawRate = (THROUGHPUT_VOTES / rawMs) * 1000;
    console.log(`concurrency ${CONCURRENCY}`);
    console.log(`votes through /api/messages: ${botRate.toFixed(0)} votes/s (${THROUGHPUT_VOTES - 10} votes in ${(botMs / 1000).toFixed(2)} s)`);
    console.log(`raw storage writes (upsert): ${rawRate.toFixed(0)} writes/s (${THROUGHPUT_VOTES} in ${(rawMs / 1000).toFixed(2)} s)`);
    console.log(`ratio votes/writes: ${(botRate / rawRate).toFixed(3)}`);
    report({ bench: BENCH, name: `votes/s via /api/messages (${CONCURRENCY} in flight)`, value: botRate, unit: 'votes/s' });
    report({ bench: BENCH, name: `raw storage upserts/s (${CONCURRENCY} in flight)`, value: rawRate, unit: 'writes/s' });
    report({ bench: BENCH, name: 'votes/s ÷ raw writes/s', value: botRate / rawRate, unit: '×', baseline: 'raw storage writes' });

    // 2. Time per vote with 100 vs 5,000 votes already cast (sequential votes: latency, not queueing).
    const p2 = await createPoll(stack, 'Cost per vote');
    await prefill(stack, p2, fill.slice(0, 100));
    await medianVoteMs(stack, p2, sampleA.slice(0, 20)); // warm-up of the sequential path
    const at100 = await medianVoteMs(stack, p2, sampleA.slice(20));
    await prefill(stack, p2, fill.slice(100));
    const cast = (await stack.polls.tally((await stack.polls.get(GROUP, p2))!.value)).voters;
    const at5000 = await medianVoteMs(stack, p2, sampleB.slice(20));
    console.log(`time per vote with ${100 + 20} cast: ${at100.toFixed(2)} ms (median of ${SAMPLE_VOTES - 20} sequential votes)`);
    console.log(`time per vote with ${cast} cast: ${at5000.toFixed(2)} ms (median of ${SAMPLE_VOTES - 20} sequential votes)`);
    console.log(`ratio 5,000/100: ${(at5000 / at100).toFixed(3)} (goal ≤ 1.5)`);
    report({ bench: BENCH, name: 'ms per vote, 100 cast', value: at100, unit: 'ms' });
    report({ bench: BENCH, name: 'ms per vote, 5,000 cast', value: at5000, unit: 'ms' });
    report({ bench: BENCH, name: 'per-vote time 5,000 ÷ 100 cast', value: at5000 / at100, unit: '×', baseline: '100 cast', goal: '≤ 1.5', pass: at5000 / at100 <= 1.5 });
  } finally {
    await stack.stop();
    clearTimeout(timer);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
