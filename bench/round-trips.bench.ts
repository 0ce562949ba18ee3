/**
 * Storage round trips per turn (issue 17): `npx tsx bench/round-trips.bench.ts` or
 * `npm run bench -- round-trips`.
 *
 * The real service (in process, as the other benches start it) with its Table storage behind a
 * counting, delaying proxy of this bench's own (loopback, in front of Azurite); the Bot
 * Connector stand-in plays Teams. Every call is held 10 ms, the round trip Azure costs, so a
 * turn's time divided by one such call is the number of calls that wait on each other. For each
 * turn: the calls made (median of the measured runs, after one warm-up run), the turn's time,
 * and that ratio next to the goal count. Then `items` with 50 and with 5,000 items in the plan.
 */
import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { median, report, round } from './lib/figures';
import { GROUP, startBenchStack, type BenchStack } from './support/bench-stack';
import { startStorageProxy, type StorageProxy } from './support/storage-proxy';
import { loadActivity, TEAM, USERS, type UserKey } from '../tests/fixtures/activities';
import { actionsOf, untouchedValues } from '../tests/support/card-inputs';
import { testRepositories } from '../tests/support/storage';
import type { ActionItemRepository } from '../bot/src/features/work-plan/domain/ports';

const BENCH = 'round-trips';
const DELAY_MS = 10;
/** Measured runs per turn, after one warm-up run. */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const HARD_LIMIT_MS = 12 * 60_000;
const NEXT_YEAR = new Date().getUTCFullYear() + 1;

type Card = Record<string, unknown>;

interface Turn {
  name: string;
  goal?: number;
  /** Run `i` (0 = warm-up) of the turn; what it needs is prepared outside the measurement. */
  prepare?: (i: number) => Promise<void>;
  run: (i: number) => Promise<unknown>;
}

interface Measured {
  name: string;
  calls: number;
  callsRange: string;
  ms: number;
  ratio: number;
  goal?: number;
  breakdown: string;
}

function cardsOf(activities: unknown[]): Card[] {
  return activities.flatMap((a) =>
    ((a as { attachments?: { contentType?: string; content?: Card }[] }).attachments ?? []).filter((x) => x.contentType === 'application/vnd.microsoft.card.adaptive').map((x) => x.content!),
  );
}

function invokeCard(body: unknown): Card | undefined {
  const b = body as { type?: string; value?: Card } | undefined;
  return b?.type === 'application/vnd.microsoft.card.adaptive' ? b.value : undefined;
}

/** What Teams sends for a button: the card's inputs (as drawn, then as typed) and the action's data. */
function submission(card: Card, verb: string, typed: Record<string, unknown> = {}): Record<string, unknown> {
  const action = actionsOf(card).find((a) => a.verb === verb);
  if (!action) throw new Error(`no ${verb} button on the card: ${JSON.stringify(actionsOf(card).map((a) => a.verb))}`);
  const inputs = String(action.node.associatedInputs ?? 'auto').toLowerCase() === 'none' ? {} : { ...untouchedValues(card), ...typed };
  return { ...inputs, ...action.data };
}

class Driver {
  constructor(
    private readonly stack: BenchStack,
    private readonly proxy: StorageProxy,
  ) {}

  /** A personal message; answers the cards and texts the bot sent. */
  async say(from: UserKey, text: string): Promise<{ cards: Card[]; texts: string[] }> {
    this.stack.connector.clear();
    await this.stack.post(loadActivity('personal-message', { serviceUrl: this.stack.connector.url, from, text }));
    return this.sent();
  }

  async sayInChannel(from: UserKey, text: string): Promise<{ cards: Card[]; texts: string[] }> {
    this.stack.connector.clear();
    await this.stack.post(loadActivity('channel-message-mention', { serviceUrl: this.stack.connector.url, from, text }));
    return this.sent();
  }

  async press(from: UserKey, verb: string, data: Record<string, unknown>): Promise<Card | undefined> {
    this.stack.connector.clear();
    const body = await this.stack.post(loadActivity('invoke-adaptive-card-action', { serviceUrl: this.stack.connector.url, from, cardAction: { verb, data: { teamId: TEAM.id, ...data } } }));
    const text = JSON.stringify(body);
    if (!/^\{"statusCode":200/.test(text)) throw new Error(`${verb} answered ${text.slice(0, 400)}`);
    return invokeCard(body);
  }

  /** The one card a command answers (outside measurement, to prepare a button press). */
  async cardFor(from: UserKey, text: string): Promise<Card> {
    const { cards } = await this.say(from, text);
    if (cards.length !== 1) throw new Error(`"${text}" answered ${cards.length} cards`);
    return cards[0]!;
  }

  sent(): { cards: Card[]; texts: string[] } {
    const activities = this.stack.connector.activities();
    return { cards: cardsOf(activities), texts: activities.flatMap((a) => (typeof (a as { text?: unknown }).text === 'string' ? [(a as { text: string }).text] : [])) };
  }

  async measure(turn: Turn): Promise<Measured> {
    const calls: number[] = [];
    const times: number[] = [];
    let breakdown = '';
    for (let i = 0; i <= RUNS; i++) {
      await turn.prepare?.(i);
      await this.proxy.idle();
      this.proxy.reset();
      const t0 = performance.now();
      const answer = await turn.run(i);
      const ms = performance.now() - t0;
      // Calls still made after the answer (background work) count to the turn too.
      await this.proxy.idle(50);
      if (process.env.BENCH_DEBUG) console.log(`${turn.name} #${i}: ${JSON.stringify(answer ?? this.sent()).slice(0, 300)}`);
      if (i === 0) continue;
      calls.push(this.proxy.total());
      times.push(ms);
      breakdown = [...this.proxy.counts()].map(([k, n]) => `${n}× ${k}`).join(', ');
    }
    const ms = median(times);
    const c = median(calls);
    const lo = Math.min(...calls);
    const hi = Math.max(...calls);
    return { name: turn.name, calls: c, callsRange: lo === hi ? '' : ` (${lo}–${hi})`, ms, ratio: 0, ...(turn.goal !== undefined ? { goal: turn.goal } : {}), breakdown };
  }
}

async function oneCallMs(proxy: StorageProxy, prefix: string): Promise<number> {
  const client = TableClient.fromConnectionString(proxy.connectionString, `${prefix}Groups`, { allowInsecureConnection: true });
  const times: number[] = [];
  for (let i = 0; i < 25; i++) {
    const t0 = performance.now();
    await client.getEntity('absent', 'absent').catch(() => undefined);
    if (i >= 5) times.push(performance.now() - t0);
  }
  return median(times);
}

function turns(d: Driver): Turn[] {
  const polls: string[] = [];
  const itemCards: Card[] = [];
  let pollForm: Card | undefined;
  let itemForm: Card | undefined;
  let decisionForm: Card | undefined;
  let sessionForm: Card | undefined;
  let settingsCard: Card | undefined;
  let deleteConfirm: Card | undefined;
  const closes = `${NEXT_YEAR}-06-30`;
  return [
    { name: 'help (personal, known member)', goal: 2, run: () => d.say('lars', 'help') },
    { name: '@Quorum help in the channel', goal: 2, run: () => d.sayInChannel('lars', 'help') },
    { name: 'items', goal: 3, run: () => d.say('amina', 'items') },
    {
      name: 'new item Rotate VPN keys due … high',
      goal: 6,
      run: async (i) => {
        const sent = await d.say('amina', `new item Rotate VPN keys ${i} due ${NEXT_YEAR}-02-01 high`);
        itemCards[i] = sent.cards[0]!;
        return sent;
      },
    },
    {
      name: 'create a poll from the card',
      goal: 6,
      prepare: async () => void (pollForm = await d.cardFor('amina', 'poll')),
      run: async (i) => {
        const data = submission(pollForm!, 'poll.create', {
          question: `Where do we meet in spring ${i}?`,
          options: 'Geneva\nVienna\nNairobi',
          kind: 'single',
          visibility: 'live',
          closesDate: closes,
          closesTime: '17:00',
        });
        polls[i] = String(data.pollId);
        return d.press('amina', 'poll.create', data);
      },
    },
    { name: 'first vote in a poll', goal: 4, run: (i) => d.press('lars', 'poll.vote', { pollId: polls[i], choice: 'o1' }) },
    { name: 'a later vote (another voter)', goal: 3, run: (i) => d.press('sofia', 'poll.vote', { pollId: polls[i], choice: 'o1' }) },
    { name: 'a vote change', goal: 3, run: (i) => d.press('lars', 'poll.vote', { pollId: polls[i], choice: 'o2' }) },
    { name: 'decisions', goal: 3, run: () => d.say('amina', 'decisions') },
    { name: 'next session', goal: 3, run: () => d.say('amina', 'next session') },
    { name: 'decisions verify', goal: 4, run: () => d.say('amina', 'decisions verify') },
    // Every other command and card verb that writes.
    {
      name: 'new item from the form card',
      prepare: async () => void (itemForm = await d.cardFor('amina', 'new item')),
      run: (i) => d.press('amina', 'workplan.item.create', submission(itemForm!, 'workplan.item.create', { title: `Renew the TLS certificates ${i}`, due: `${NEXT_YEAR}-03-01` })),
    },
    { name: 'item card: save', run: (i) => d.press('amina', 'workplan.item.save', submission(itemCards[i]!, 'workplan.item.save', { progress: 40 })) },
    {
      name: 'item card: delete, confirmed',
      prepare: async (i) => void (deleteConfirm = await d.press('amina', 'workplan.item.delete', submission(itemCards[i]!, 'workplan.item.delete'))),
      run: () => d.press('amina', 'workplan.item.delete.confirm', submission(deleteConfirm!, 'workplan.item.delete.confirm')),
    },
    {
      name: 'work-plan settings: save',
      prepare: async () => void (settingsCard = await d.cardFor('amina', 'settings')),
      run: () => d.press('amina', 'workplan.settings.save', submission(settingsCard!, 'workplan.settings.save')),
    },
    { name: 'close a poll', run: (i) => d.press('amina', 'poll.close', { pollId: polls[i] }) },
    {
      name: 'record a decision from the form',
      prepare: async () => void (decisionForm = await d.press('amina', 'decision.form', {})),
      run: (i) => d.press('amina', 'decision.record', submission(decisionForm!, 'decision.record', { title: `Adopt the patching policy ${i}`, text: 'The group adopts the patching policy.' })),
    },
    {
      name: 'save a new session from the form',
      prepare: async () => void (sessionForm = await d.press('amina', 'session.form', {})),
      run: (i) => {
        const day = `${NEXT_YEAR}-04-1${i}`;
        return d.press(
          'amina',
          'session.save',
          submission(sessionForm!, 'session.save', { title: `Plenary ${i}`, startDate: day, startTime: '09:00', endDate: day, endTime: '12:00', timeZone: 'Europe/Zurich' }),
        );
      },
    },
    { name: 'co-chair add (card)', run: () => d.press('amina', 'cochair.add', { aadObjectId: USERS.lars.aadObjectId }) },
    { name: 'co-chair remove (card)', run: () => d.press('amina', 'cochair.remove', { aadObjectId: USERS.lars.aadObjectId }) },
    { name: 'language fr / language en', run: (i) => d.say('sofia', i % 2 ? 'language fr' : 'language en') },
  ];
}

async function seedItems(repo: ActionItemRepository, count: number, ownerEvery: number): Promise<void> {
  const at = new Date().toISOString();
  for (let i = 0; i < count; i++) {
    const owner = i % ownerEvery === 0 ? USERS.amina.aadObjectId : randomUUID();
    await repo.create(
      { ...GROUP, title: `Seeded item ${i}`, description: '', status: 'open', progress: 0, priority: 'medium', ownerId: owner, createdBy: USERS.amina.aadObjectId, createdAt: at, updatedAt: at },
      { at, by: USERS.amina.aadObjectId, byName: 'Seed', field: 'created' },
    );
  }
}

function print(rows: Measured[], oneCall: number): void {
  const head = ['turn', 'storage calls', 'turn ms (+10 ms/call)', 'turn ÷ one call', 'goal'];
  const cells = rows.map((r) => [r.name, `${r.calls}${r.callsRange}`, r.ms.toFixed(0), r.ratio.toFixed(1), r.goal === undefined ? '' : `≤ ${r.goal}`]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`one storage call through the proxy (+${DELAY_MS} ms): ${oneCall.toFixed(1)} ms`);
  console.log(line(head));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const c of cells) console.log(line(c));
  if (process.env.BENCH_BREAKDOWN) for (const r of rows) console.log(`  ${r.name}: ${r.breakdown}`);
}

interface Pass {
  rows: Measured[];
  oneCall: number;
  growth: number;
}

/** Every turn on a fresh stack; `env` is the service's settings (e.g. STORAGE_CACHE_MS). */
async function pass(env: Record<string, string>): Promise<Pass> {
  let proxy: StorageProxy | undefined;
  const stack = await startBenchStack({
    env,
    serviceStorage: async (azurite, prefix) => {
      proxy = await startStorageProxy(azurite.port, prefix);
      return proxy.connectionString;
    },
  });
  try {
    const p = proxy!;
    const d = new Driver(stack, p);
    // Lars and Sofia known to the service; an item, a decision and a session, so the lists have something to show.
    await d.say('lars', 'help');
    await d.say('sofia', 'help');
    await d.say('amina', `new item Prepare the plenary due ${NEXT_YEAR}-01-15`);
    const decisionForm = await d.press('amina', 'decision.form', {});
    await d.press('amina', 'decision.record', submission(decisionForm!, 'decision.record', { title: 'Adopt the agenda', text: 'The group adopts the agenda.' }));
    const sessionForm = await d.press('amina', 'session.form', {});
    const day = `${NEXT_YEAR}-03-10`;
    await d.press(
      'amina',
      'session.save',
      submission(sessionForm!, 'session.save', { title: 'Plenary', startDate: day, startTime: '09:00', endDate: day, endTime: '12:00', timeZone: 'Europe/Zurich' }),
    );
    p.setDelay(DELAY_MS);
    const oneCall = await oneCallMs(p, stack.prefix);

    const rows: Measured[] = [];
    for (const turn of turns(d)) rows.push(await d.measure(turn));
    // `items` with 50 and with 5,000 items in the plan (the caller owns the same five).
    const repo = testRepositories(stack.tables).workPlan.items;
    await seedItems(repo, 45, 9);
    const at50 = await d.measure({ name: 'items, 50 in the plan', goal: 3, run: () => d.say('amina', 'items') });
    await seedItems(repo, 4_950, 1_000_000);
    const at5000 = await d.measure({ name: 'items, 5,000 in the plan', goal: 3, run: () => d.say('amina', 'items') });
    rows.push(at50, at5000);
    for (const m of rows) m.ratio = m.ms / oneCall;
    return { rows, oneCall, growth: at5000.ms / at50.ms };
  } finally {
    await stack.stop();
    await proxy?.stop();
  }
}

function reportPass(label: string, suffix: string, r: Pass): void {
  console.log(`\n${label}`);
  print(r.rows, r.oneCall);
  console.log(`items: 5,000 ÷ 50 in the plan: ${r.growth.toFixed(2)} (goal ≤ 1.5)`);
  report({ bench: BENCH, name: `one storage call (+${DELAY_MS} ms delay)${suffix}`, value: r.oneCall, unit: 'ms' });
  for (const m of r.rows) {
    report({
      bench: BENCH,
      name: `${m.name}${suffix}: calls, turn ÷ one call`,
      value: m.calls,
      unit: `calls, ${round(m.ratio)} × one call (${m.ms.toFixed(0)} ms)`,
      ...(m.goal === undefined ? {} : { goal: `≤ ${m.goal}`, pass: m.calls <= m.goal && m.ratio <= m.goal }),
    });
  }
  report({ bench: BENCH, name: `items turn time, 5,000 ÷ 50 in the plan${suffix}`, value: r.growth, unit: '×', baseline: '50 items', goal: '≤ 1.5', pass: r.growth <= 1.5 });
}

async function main(): Promise<void> {
  const timer = setTimeout(() => {
    console.error('benchmark exceeded its time limit');
    process.exit(2);
  }, HARD_LIMIT_MS);
  timer.unref();
  try {
    // As deployed (rows that rarely change kept a few seconds), then with nothing kept between turns.
    reportPass('Service as configured (instance cache warm: turns a moment apart)', '', await pass({}));
    reportPass('STORAGE_CACHE_MS=0 (each turn reads what it needs once: an instance that has not seen the group lately)', ', nothing cached', await pass({ STORAGE_CACHE_MS: '0' }));
  } finally {
    clearTimeout(timer);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
