/**
 * Sustained load (issue 8): the service runs as its own process (as in production); this
 * process is the load. For LOAD_SECONDS (default 90; or `--seconds N`) it keeps
 * LOAD_CONCURRENCY (default 16) requests in flight, a mix of chat commands, card actions,
 * votes and tab API reads, and prints requests per second, p50/p95/p99 latency, errors, and
 * the service's memory (RSS) sampled through the run: the samples, and the trend over the
 * last half (least-squares slope and growth), which must not keep climbing.
 *
 * Run: npx tsx bench/load.bench.ts [--seconds 300]   or   npm run bench -- load --seconds 300
 * (its own Azurite, Bot Connector stand-in and service; loopback only)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startAzurite } from '../bot/src/dev/azurite';
import { startBotConnector } from '../tests/fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS } from '../tests/fixtures/activities';
import { report } from './lib/figures';

const SECONDS = secondsArg() ?? Number(process.env.LOAD_SECONDS ?? 90);
/** About 30 samples a run, at least 5 s apart. */
const SAMPLE_MS = Math.max(5_000, (SECONDS * 1000) / 30);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 16);
const ROOT = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const azurite = await startAzurite();
  const connector = await startBotConnector();
  connector.setTeam({ id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId });
  connector.setMembers(
    TEAM.id,
    (['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u)),
  );
  connector.setMembers(
    TEAM.selectedChannel.id,
    (['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u)),
  );
  const port = await freePort();
  const heapFile = path.join(os.tmpdir(), `quorum-heap-${process.pid}.jsonl`);
  fs.rmSync(heapFile, { force: true });
  const service = spawn(process.execPath, ['--expose-gc', '--require', path.join(__dirname, 'support/heap-probe.cjs'), '--import', 'tsx', path.join(ROOT, 'bot/src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      HEAP_PROBE_FILE: heapFile,
      HEAP_PROBE_MS: String(SAMPLE_MS),
      NODE_ENV: 'test',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      STORAGE_CONNECTION_STRING: azurite.connectionString,
      STORAGE_TABLE_PREFIX: 'load',
      TAB_LIST_REQUESTS_PER_MINUTE: '1000000',
      INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId}`,
      SCHEDULER: 'off',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // TAB_LIST_REQUESTS_PER_MINUTE above: two people make every tab read here, far past a person's budget.
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url);
    const post = (activity: unknown) => fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    await post(loadActivity('bot-added-to-team', { serviceUrl: connector.url }));
    const who = ['amina', 'lars', 'sofia'] as const;
    for (let i = 0; i < 20; i++) await post(loadActivity('personal-message', { serviceUrl: connector.url, from: 'amina', text: `new item Load item ${i} due 2031-01-0${1 + (i % 9)}` }));
    const execute = (from: (typeof who)[number], verb: string, data: Record<string, unknown>) =>
      post(loadActivity('invoke-adaptive-card-action', { serviceUrl: connector.url, from, cardAction: { verb, data: { teamId: TEAM.id, ...data } } }));
    const pollId = 'p00000000000load1';
    await execute('amina', 'poll.create', {
      pollId,
      question: 'Soak?',
      options: 'Yes\nNo\nMaybe',
      kind: 'single',
      anonymous: 'false',
      visibility: 'live',
      closesDate: '2031-01-01',
      closesTime: '12:00',
    });

    const mix: (() => Promise<Response>)[] = [
      () => post(loadActivity('personal-message', { serviceUrl: connector.url, from: who[rand(3)]!, text: 'help' })),
      () => post(loadActivity('personal-message', { serviceUrl: connector.url, from: who[rand(3)]!, text: 'items all' })),
      () => post(loadActivity('channel-message-mention', { serviceUrl: connector.url, from: who[rand(3)]!, text: 'decisions' })),
      () => post(loadActivity('invoke-adaptive-card-action', { serviceUrl: connector.url, from: 'amina', cardAction: { verb: 'cochairs.show', data: { teamId: TEAM.id } } })),
      () => tab(url, 'items'),
      () => tab(url, 'decisions'),
      () => tab(url, 'me'),
      // A changing vote: a write path (vote + counter transaction, refresh window, job index).
      () => execute(who[rand(3)]!, 'poll.vote', { pollId, choice: `o${rand(3)}` }),
    ];

    const latencies: number[] = [];
    let errors = 0;
    const t0 = Date.now();
    const samples: { s: number; kib: number }[] = [];
    const sample = () => {
      const kib = rssOf(service.pid!);
      samples.push({ s: (Date.now() - t0) / 1000, kib });
      process.stdout.write(`rss t=${Math.round((Date.now() - t0) / 1000)} s ${Math.round(kib / 1024)} MiB\n`);
    };
    sample();
    const sampler = setInterval(sample, SAMPLE_MS);
    const end = t0 + SECONDS * 1000;
    const worker = async () => {
      while (Date.now() < end) {
        const t = performance.now();
        try {
          const res = await mix[rand(mix.length)]!();
          await res.arrayBuffer();
          if (res.status >= 400) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const elapsed = (performance.now() - started) / 1000;
    clearInterval(sampler);
    sample();

    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
    report({ bench: 'load', name: `requests/s (${CONCURRENCY} in flight, ${SECONDS} s, mixed)`, value: latencies.length / elapsed, unit: 'req/s' });
    report({ bench: 'load', name: 'latency p50', value: pct(50), unit: 'ms' });
    report({ bench: 'load', name: 'latency p95', value: pct(95), unit: 'ms' });
    report({ bench: 'load', name: 'latency p99', value: pct(99), unit: 'ms' });
    report({ bench: 'load', name: 'errors', value: errors, unit: 'responses', goal: '0', pass: errors === 0 });
    const first = samples[0]!.kib;
    const last = samples[samples.length - 1]!.kib;
    const peak = Math.max(...samples.map((x) => x.kib));
    report({ bench: 'load', name: 'service memory (RSS) at end', value: last / 1024, unit: `MiB (start ${Math.round(first / 1024)}, peak ${Math.round(peak / 1024)}, ${samples.length} samples)` });
    // What the service retains: heap used right after a full GC, sampled inside it by the probe.
    const heap = heapSamples(heapFile);
    for (const h of heap) process.stdout.write(`heap after GC t=${Math.round(h.s)} s ${(h.heapUsed / 2 ** 20).toFixed(1)} MiB (rss ${Math.round(h.rss / 2 ** 20)} MiB)\n`);
    // The trend over the second half, after warm-up (JIT, caches filling, pools reaching their size).
    const half = heap.filter((x) => x.s >= SECONDS / 2);
    if (half.length >= 3) {
      const slope = slopeOf(half.map((x) => [x.s / 60, x.heapUsed / 2 ** 20]));
      const growth = (half[half.length - 1]!.heapUsed - half[0]!.heapUsed) / half[0]!.heapUsed;
      report({ bench: 'load', name: 'heap after GC at end', value: half[half.length - 1]!.heapUsed / 2 ** 20, unit: `MiB (first sample ${(heap[0]!.heapUsed / 2 ** 20).toFixed(1)})` });
      report({ bench: 'load', name: 'heap after GC, trend over the last half', value: slope, unit: 'MiB/min', goal: '≤ 0.5 MiB/min (not climbing)', pass: slope <= 0.5 });
      report({ bench: 'load', name: 'heap after GC, growth over the last half', value: growth * 100, unit: '%', goal: '≤ 10 %', pass: growth <= 0.1 });
    } else process.stdout.write('heap probe: too few samples for a trend (run longer)\n');
    const rssHalf = samples.filter((x) => x.s >= SECONDS / 2);
    report({
      bench: 'load',
      name: 'RSS trend over the last half',
      value: slopeOf(rssHalf.map((x) => [x.s / 60, x.kib / 1024])),
      unit: 'MiB/min (RSS also follows the heap V8 keeps between collections)',
    });
  } finally {
    service.kill('SIGTERM');
    await new Promise((r) => service.once('exit', r));
    await connector.stop();
    await azurite.stop();
  }
}

function tab(url: string, route: string): Promise<Response> {
  const user = [USERS.amina, USERS.sofia][rand(2)]!;
  return fetch(`${url}/api/tab/${route}`, { headers: { 'x-quorum-dev-user': `${TENANT_ID}:${user.aadObjectId}`, 'x-quorum-team': TEAM.id } });
}

function heapSamples(file: string): { s: number; rss: number; heapUsed: number }[] {
  if (!fs.existsSync(file)) return [];
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  fs.rmSync(file, { force: true });
  return lines.map((l) => JSON.parse(l) as { s: number; rss: number; heapUsed: number });
}

/** Least-squares slope of y over x. */
function slopeOf(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / sxx;
}

function secondsArg(): number | undefined {
  const i = process.argv.indexOf('--seconds');
  const n = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

function rand(n: number): number {
  return Math.floor(Math.random() * n);
}

/** Resident memory of a process, in KiB (Linux). */
function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error('the service did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
}

void main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
