import type { PollRepository } from '../../bot/src/features/polls/domain/ports';
import { randomUUID } from 'node:crypto';
import { startBotConnector, type BotConnector } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { argmax, attack, readEverything } from '../support/anonymity-attacker';
import { startTestService, type TestService } from '../support/service';
import { testStorageConnection, testRepositories } from '../support/storage';
import { openTables } from '../../bot/src/features/storage';
import en from '../../bot/src/features/polls/locales/en.json';
import { mapLimit } from '../../bot/src/kernel/map-limit';

const SIZES = [2, 3, 5, 20, 200] as const;
const VISIBILITIES = ['live', 'after-close', 'co-chairs'] as const;
const OPTIONS = 3;
const start = new Date('2027-03-01T09:00:00Z');

interface Person {
  id: string;
  name: string;
  aadObjectId: string;
}

const people: Person[] = Array.from({ length: Math.max(...SIZES) }, (_, i) => ({ id: `29:anon-${i}`, name: `Member ${String(i).padStart(3, '0')}`, aadObjectId: randomUUID() }));

/** A fixed-seed generator (mulberry32): the same ballots on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Ballots leaning to the first option but never unanimous (a unanimous poll has nothing to link). */
function ballots(n: number, rand: () => number): number[] {
  for (;;) {
    const out = Array.from({ length: n }, () => {
      const r = rand();
      return r < 0.45 ? 0 : r < 0.8 ? 1 : 2;
    });
    if (new Set(out).size > 1) return out;
  }
}

interface Case {
  n: number;
  visibility: (typeof VISIBILITIES)[number];
  pollId: string;
  /** Voter object id → option index. */
  truth: Map<string, number>;
}

/**
 * The attacker reads every entity of every table of the deployment with all its properties
 * (Timestamp and ETag included) and the order storage lists them in, knows who voted and
 * how many chose what, and tries to tell who chose what. The baseline is what the tally
 * alone gives: guessing the favourite option for everyone. No heuristic may beat it.
 */
describe('anonymous polls: a reader of all storage links no voter to a choice beyond chance', () => {
  let connector: BotConnector;
  let service: TestService;
  let polls: PollRepository;
  let now = start;
  const cases: Case[] = [];
  /** Time passes; the scheduler runs what fell due (card refreshes, reminders, closing and results). */
  const at = async (iso: string) => {
    now = new Date(iso);
    await service.scheduler.tick();
  };

  const send = (from: Person | 'amina', verb: string, data: Record<string, unknown>) =>
    service.post(loadActivity('invoke-adaptive-card-action', { serviceUrl: connector.url, from, cardAction: { verb, data: { teamId: TEAM.id, ...data } } }));

  beforeAll(async () => {
    connector = await startBotConnector();
    connector.setTeam({ id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId });
    const roster = [teamsChannelAccount('amina'), ...people.map((p) => ({ ...p, tenantId: TENANT_ID, userRole: 'user' }))];
    connector.setMembers(TEAM.id, roster);
    connector.setMembers(TEAM.selectedChannel.id, roster);
    service = await startTestService({ INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId}` }, { clock: { now: () => now } });
    await service.post(loadActivity('bot-added-to-team', { serviceUrl: connector.url }));
    await service.scheduler.tick();
    const tables = openTables({ kind: 'connection-string', connectionString: testStorageConnection() }, service.tablePrefix);
    polls = testRepositories(tables).polls.polls;

    // Every size and visibility, through /api/messages as Teams sends votes: the small polls
    // one vote after another (each vote alone in time, the easiest case for the attacker),
    // the large ones as a burst of concurrent voters.
    const rand = seeded(12);
    for (const n of SIZES) {
      for (const visibility of VISIBILITIES) {
        const pollId = `p${randomUUID().replace(/-/g, '').slice(0, 16)}`;
        const res = await send('amina', 'poll.create', {
          pollId,
          question: `Secret ${n} ${visibility}?`,
          options: 'Keep\nCut\nGrow',
          kind: 'single',
          anonymous: 'true',
          visibility,
          closesDate: '2027-03-08',
          closesTime: '17:00',
        });
        expect(JSON.stringify(res.body)).toContain(en.polls.created);
        const choices = ballots(n, rand);
        const voters = people.slice(0, n);
        const truth = new Map(voters.map((p, i) => [p.aadObjectId.toLowerCase(), choices[i]!]));
        cases.push({ n, visibility, pollId, truth });
        const vote = async (i: number) => {
          const r = await send(voters[i]!, 'poll.vote', { pollId, choice: `o${choices[i]}` });
          expect(JSON.stringify(r.body)).toContain(en.polls.card.recorded);
        };
        if (n <= 20) for (let i = 0; i < n; i++) await vote(i);
        else await mapLimit([...voters.keys()], 16, vote);
      }
    }
    // The scheduler's rows are storage too: the channel cards' refresh jobs run and are recorded.
    await at('2027-03-01T09:05:00Z');
  }, 300_000);
  afterAll(async () => {
    await service?.stop();
    await connector?.stop();
  });

  /** What each heuristic got right, against the baseline, for every poll. */
  async function verdicts(): Promise<{ label: string; baseline: number; best: number; by: string }[]> {
    const rows = await readEverything(service.tablePrefix);
    return cases.map((c) => {
      const tally = new Array<number>(OPTIONS).fill(0);
      for (const o of c.truth.values()) tally[o]! += 1;
      const favourite = argmax(tally);
      const baseline = tally[favourite]!;
      const results = attack(rows, { pollId: c.pollId, options: OPTIONS, voters: [...c.truth.keys()] }, tally);
      let best = 0;
      let by = 'none';
      for (const [name, guesses] of Object.entries(results)) {
        const right = [...c.truth].filter(([v, o]) => guesses[v] === o).length;
        if (right > best) [best, by] = [right, name];
      }
      return { label: `N=${c.n} ${c.visibility}`, baseline, best, by };
    });
  }

  const expectChance = (seen: { label: string; baseline: number; best: number; by: string }[]) => {
    // Listed per poll so a failure names the size, the visibility and the heuristic that linked voters.
    const beaten = seen.filter((s) => s.best > s.baseline).map((s) => `${s.label}: ${s.best} right by ${s.by}, chance ${s.baseline}`);
    expect(beaten).toEqual([]);
  };

  it('while the polls are open', async () => {
    expectChance(await verdicts());
  });

  it('after the reminders and the close, and the sealed tallies are exact', async () => {
    // The day before: the reminders (anonymous: a count, no names); then the closing time.
    await at('2027-03-07T20:00:00Z');
    await at('2027-03-09T12:00:00Z');
    expectChance(await verdicts());
    for (const c of cases) {
      const poll = (await polls.get({ tenantId: TENANT_ID, teamId: TEAM.id }, c.pollId))!.value;
      expect(poll).toMatchObject({ status: 'closed', resultsPosted: true });
      const counts = new Array<number>(OPTIONS).fill(0);
      for (const o of c.truth.values()) counts[o]! += 1;
      expect(await polls.tally(poll)).toEqual({ voters: c.n, counts });
    }
  }, 180_000);
});
