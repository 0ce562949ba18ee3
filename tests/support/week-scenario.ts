import { startBotConnector, type BotConnector, type RecordedRequest } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS, type ActivityOverrides } from '../fixtures/activities';
import { toRecord, deriveStatuses } from '../../bot/src/features/decisions/domain/decision-record';
import { verifyChain } from '../../bot/src/features/decisions/domain/verify-chain';
import { startTestService, type TestService } from './service';
import pollsEn from '../../bot/src/features/polls/locales/en.json';
import { uniquePrefix, testRepositories } from './storage';
import { submitAndRecord } from './decision-confirm';

/**
 * One week of a working group — reminders, polls, decisions and item changes — played against
 * any number of service instances sharing one storage account and one clock. Chat traffic is
 * spread over the instances (action i goes to instance i mod n); every instance's scheduler
 * ticks at every step. The outcome is read back from what the Bot Connector stand-in received
 * and from storage, minus what is expected to differ between runs (ids, real timestamps).
 */
const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const VOTERS = Array.from({ length: 6 }, (_, i) => ({ id: `29:voter-${i}`, name: `Voter ${i}`, aadObjectId: `00000000-0000-4000-9000-00000000000${i}` }));
const START = Date.parse('2027-03-07T12:00:00Z'); // a Sunday
const STEP_MS = 3 * 3_600_000;
const STEPS = 8 * 8 + 1; // through Monday 2027-03-15 12:00Z: two digests

type Who = 'amina' | 'lars' | 'sofia' | (typeof VOTERS)[number];
type Act = (send: (from: Who, verb: string, data: Record<string, unknown>) => Promise<string>) => Promise<unknown>;

/** Chat traffic by step: each step's acts run in order (an array inside runs at once). */
function plan(): Map<number, (Act | Act[])[]> {
  const at = (iso: string) => (Date.parse(iso) - START) / STEP_MS;
  const item =
    (title: string, owner: string, due: string): Act =>
    (s) =>
      s('sofia', 'workplan.item.create', { title, owner, due });
  const change =
    (who: Who, verb: string, itemId: number, extra: Record<string, unknown> = {}): Act =>
    (s) =>
      s(who, verb, { itemId, ...extra });
  const vote =
    (who: Who, pollId: string, choice: string): Act =>
    (s) =>
      s(who, 'poll.vote', { pollId, choice }).then(voteOutcome);
  // The form's submit and Record on its confirmation: two requests, which may reach two instances.
  const decide =
    (fields: Record<string, unknown>): Act =>
    (s) =>
      submitAndRecord((verb, data) => s('amina', verb, data), fields);
  const poll =
    (pollId: string, fields: Record<string, string>): Act =>
    (s) =>
      s('amina', 'poll.create', { pollId, question: `Question ${pollId}`, options: 'Monday\nTuesday\nWednesday', kind: 'single', visibility: 'live', ...fields });
  return new Map<number, (Act | Act[])[]>([
    [
      0,
      [
        item('Rotate VPN keys', USERS.sofia.aadObjectId, '2027-03-09'),
        item('Renew certificates', USERS.lars.aadObjectId, '2027-03-11'),
        item('Annual report', USERS.amina.aadObjectId, '2027-03-20'),
        item('Update the policy', USERS.sofia.aadObjectId, '2027-03-12'),
      ],
    ],
    [at('2027-03-08T12:00:00Z'), [poll('p00000000000000a1', { closesDate: '2027-03-10', closesTime: '18:00' })]],
    [at('2027-03-08T15:00:00Z'), [VOTERS.map((v, i) => vote(v, 'p00000000000000a1', `o${i % 3}`)), [vote('lars', 'p00000000000000a1', 'o1'), vote('sofia', 'p00000000000000a1', 'o2')]]],
    [
      at('2027-03-09T12:00:00Z'),
      [
        change('sofia', 'workplan.item.progress', 1, { progress: '50' }),
        change('lars', 'workplan.item.done', 2),
        change('amina', 'workplan.item.due', 4, { due: '2027-03-18' }),
        vote(VOTERS[0]!, 'p00000000000000a1', 'o2'),
      ],
    ],
    [at('2027-03-11T12:00:00Z'), [decide({ title: 'Meet monthly', text: 'The group meets every month.' }), decide({ title: 'Use Signal', text: 'Use Signal for urgent alerts.' })]],
    [
      at('2027-03-11T15:00:00Z'),
      [
        decide({ kind: 'amendment', supersedes: 'D-2027-001', title: 'Meet every two months', text: 'Every two months.' }),
        decide({ kind: 'revocation', supersedes: 'D-2027-002', title: 'Revocation', text: 'Signal is no longer approved.' }),
      ],
    ],
    [at('2027-03-12T09:00:00Z'), [poll('p00000000000000a2', { closesDate: '2027-03-14', closesTime: '12:00', visibility: 'after-close' })]],
    [at('2027-03-12T12:00:00Z'), [VOTERS.map((v, i) => vote(v, 'p00000000000000a2', `o${(i + 1) % 3}`)), [(s) => s('amina', 'poll.close', { pollId: 'p00000000000000a2' })]]],
    [at('2027-03-13T15:00:00Z'), [change('sofia', 'workplan.item.done', 1), item('Plan the session', USERS.lars.aadObjectId, '2027-03-16')]],
  ]);
}

export interface WeekOutcome {
  /** Per conversation, the new posts (normalised), sorted. */
  posts: Record<string, string[]>;
  /** Per poll, the last update of its channel card (the closed poll), normalised. */
  finalCards: Record<string, string>;
  /** Answers to the chat traffic, in the order it was sent. */
  answers: string[];
  polls: { id: string; status: string; resultsPosted: boolean; tally: unknown }[];
  decisions: { ref: string; kind: string; title: string; supersedes: string | undefined; status: string }[];
  chainOk: boolean;
  items: { number: number; title: string; status: string; progress: number; due: string | undefined; owner: string | undefined; revision: number; updatedAt: string }[];
  jobs: string[];
  /** How many chat requests and scheduler passes each instance handled. */
  perInstance: { chat: number; jobsRun: number }[];
}

export async function runWeek(instances: number): Promise<WeekOutcome> {
  const clock = { at: new Date(START) };
  const connector = await startBotConnector();
  connector.setTeam({ id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId });
  const roster = [...(['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u)), ...VOTERS.map((v) => ({ ...v, tenantId: TENANT_ID }))];
  connector.setMembers(TEAM.id, roster);
  connector.setMembers(TEAM.selectedChannel.id, roster);
  const env = { STORAGE_TABLE_PREFIX: uniquePrefix(), INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId}` };
  const services: TestService[] = [];
  try {
    for (let i = 0; i < instances; i++) services.push(await startTestService(env, { clock: { now: () => clock.at } }));
    const perInstance = services.map(() => ({ chat: 0, jobsRun: 0 }));
    let next = 0;
    const post = async (activity: unknown) => {
      const i = next++ % services.length;
      perInstance[i]!.chat++;
      return services[i]!.post(activity);
    };
    const overrides = (o: ActivityOverrides) => ({ serviceUrl: connector.url, ...o });
    await post(loadActivity('bot-added-to-team', overrides({})));
    const answers: string[] = [];
    const send = async (from: Who, verb: string, data: Record<string, unknown>) => {
      const res = await post(loadActivity('invoke-adaptive-card-action', overrides({ from, cardAction: { verb, data: { teamId: TEAM.id, ...data } } })));
      return normalise(res.body);
    };
    const acts = plan();
    for (let step = 0; step < STEPS; step++) {
      clock.at = new Date(START + step * STEP_MS);
      for (const act of acts.get(step) ?? []) {
        // Acts grouped in an array run at once (a burst of votes lands on every instance).
        if (Array.isArray(act)) answers.push(...(await Promise.all(act.map((a) => a(send).then(String)))).sort());
        else answers.push(String(await act(send)));
      }
      // Each step one instance (in turn) ticks first, so both take their share of the jobs;
      // then all tick at once, racing for whatever is left.
      const leader = step % services.length;
      perInstance[leader]!.jobsRun += (await services[leader]!.scheduler.tick()).ran;
      const reports = await Promise.all(services.map((s) => s.scheduler.tick()));
      reports.forEach((r, i) => (perInstance[i]!.jobsRun += r.ran));
    }
    return { ...(await readOutcome(services[0]!, connector)), answers, perInstance };
  } finally {
    for (const s of services) await s.stop();
    await connector.stop();
  }
}

async function readOutcome(service: TestService, connector: BotConnector): Promise<Omit<WeekOutcome, 'answers' | 'perInstance'>> {
  const posts: Record<string, string[]> = {};
  const isNewPost = (r: RecordedRequest) => (r.route === 'sendToConversation' || r.route === 'replyToActivity') && r.outcome === 'served' && (r.status ?? 0) < 300;
  for (const r of connector.requests.filter(isNewPost)) (posts[r.conversationId ?? ''] ??= []).push(normalise(r.body));
  for (const list of Object.values(posts)) list.sort();
  const finalCards: Record<string, string> = {};
  for (const r of connector.requests.filter((q) => q.route === 'updateActivity' && q.outcome === 'served')) {
    const poll = /p0{14}a\d/.exec(JSON.stringify(r.body))?.[0];
    if (poll) finalCards[poll] = normalise(r.body);
  }

  const t = service.tables;
  const pollRepo = testRepositories(t).polls.polls;
  const polls = await Promise.all((await pollRepo.list(group)).map(async (p) => ({ id: p.id, status: p.status, resultsPosted: Boolean(p.resultsPosted), tally: await pollRepo.tally(p) })));
  polls.sort((a, b) => a.id.localeCompare(b.id));

  const store = testRepositories(t).decisions.store;
  const rows = await store.rows(group);
  const records = rows.map(toRecord).filter((r) => r !== undefined);
  const statuses = deriveStatuses(records);
  const decisions = records.map((r) => ({ ref: r.ref, kind: r.kind, title: r.title, supersedes: r.supersedes, status: statuses.get(r.ref)?.status ?? '' }));
  const chainOk = verifyChain(rows, (await store.head(group))?.value).ok;

  const items = (await testRepositories(t).workPlan.items.list(group)).map((i) => ({
    number: i.number,
    title: i.title,
    status: i.status,
    progress: i.progress,
    due: i.due,
    owner: i.ownerId,
    revision: i.revision,
    updatedAt: i.updatedAt,
  }));
  items.sort((a, b) => a.number - b.number);

  const jobs: string[] = [];
  for await (const e of t.table('jobs').listEntities<{ kind: string; key: string; state: string; dueAt: Date }>()) jobs.push(`${e.kind}|${e.key}|${e.state}|${new Date(e.dueAt).toISOString()}`);
  jobs.sort();
  return { posts, finalCards, polls, decisions, chainOk, items, jobs };
}

/**
 * A voter's answer shows live results, which may differ between runs by design: votes cast
 * at the same moment land in any order, and the counts in the answer come from a per-instance
 * copy up to 1 s old (vote-caches.ts) — on a shared fake clock a day can pass within that
 * second. What the voter is told about their own vote is compared; the tallies exactly.
 */
function voteOutcome(answer: string): string {
  const c = pollsEn.polls.card;
  const told = [c.recorded, c.changed, c.unchanged].filter((t) => answer.includes(t));
  return told.length ? `vote: ${told.join(' ')}` : answer;
}

/**
 * What may differ between two runs of the same week: ids the connector or botbuilder make up
 * (activity ids, reply-to ids), the stand-in's address, real-time stamps, and decision
 * fingerprints and chain heads (they cover a random per-group pseudonym of the recorder). Everything else —
 * text, cards, mentions, dates from the shared clock — must be equal.
 */
export function normalise(body: unknown): string {
  if (typeof body !== 'object' || body === null) return JSON.stringify(body);
  const { id: _id, replyToId: _reply, timestamp: _t, localTimestamp: _l, serviceUrl: _s, ...rest } = body as Record<string, unknown>;
  // A decision's fingerprint (and the chain head its card shows, in full and as 16 hex digits) covers its recorder's pseudonym, which is random per group.
  return JSON.stringify(rest)
    .replace(/\b[0-9a-f]{64}\b|\b[0-9a-f]{8}(?: [0-9a-f]{8}){7}\b/g, '<sha-256>')
    .replace(/\b[0-9a-f]{16}\b/g, '<sha-256 prefix>');
}
