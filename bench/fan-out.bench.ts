/**
 * Fan-out (issue 3): 500 groups due in the same minute, each getting one post in its
 * channel, through a Bot Connector stand-in that enforces Teams' limits (429 beyond 7/s and
 * 60/30 s per conversation, 50/s overall). Prints the time taken against the floor the
 * limits allow (500 / 50 per second = 10 s; goal ≤ 1.2× the floor), the 429s received, and
 * duplicate posts (goal 0).
 *
 * Run: npx tsx bench/fan-out.bench.ts   (its own Azurite and stand-in; loopback only)
 */
import { parseConfig } from '../bot/src/platform/config';
import { startAzurite } from '../bot/src/dev/azurite';
import type { JobHandler } from '../bot/src/kernel/scheduling';
import { startQuorum } from '../bot/src/main';
import { createRepositories } from '../bot/src/platform/storage/repositories';
import { startBotConnector } from '../tests/fakes/bot-connector';
import { LogCapture } from '../tests/support/log-capture';
import { report } from './lib/figures';

const GROUPS = 500;
const PER_SECOND = 50;
const TENANT = '5f2b2c7e-7b1e-4c1a-9d7e-0a1b2c3d4e5f';

async function main(): Promise<void> {
  const azurite = await startAzurite();
  const connector = await startBotConnector();
  connector.enforceTeamsRateLimits({ perConversationPerSecond: 7, perConversationPer30s: 60, globalPerSecond: PER_SECOND });
  let now = Date.UTC(2027, 0, 4, 8, 0);
  const service = await startQuorum(
    parseConfig({ NODE_ENV: 'test', PORT: '0', SCHEDULER: 'off', LOG_LEVEL: 'warn', STORAGE_CONNECTION_STRING: azurite.connectionString, NOTIFY_MAX_PER_SECOND: String(PER_SECOND) }),
    { logDestination: new LogCapture(), clock: { now: () => new Date(now) } },
  );
  try {
    const repos = createRepositories(service.tables);
    const channels: string[] = [];
    for (let i = 0; i < GROUPS; i++) {
      const teamId = `19:bench-team-${i}@thread.tacv2`;
      channels.push(teamId);
      await repos.conversations.put({
        tenantId: TENANT,
        conversationId: teamId,
        kind: 'channel',
        teamId,
        reference: {
          serviceUrl: connector.url,
          channelId: 'msteams',
          conversation: { id: teamId, conversationType: 'channel', isGroup: true, tenantId: TENANT },
          bot: { id: '28:bench', name: 'Quorum' },
        },
        active: true,
        updatedAt: new Date(now).toISOString(),
      });
      await repos.groups.create({ tenantId: TENANT, teamId, name: `Group ${i}`, active: true, channelConversationId: teamId, timeZone: 'Europe/Zurich', installedAt: new Date(now).toISOString() });
    }
    const handler: JobHandler = {
      kind: 'bench-digest',
      run: (jobs) =>
        Promise.all(
          jobs.map(async (j) => {
            const d = await service.notifier.postToGroup(j, { text: 'Weekly digest', purpose: 'bench:digest' });
            return { outcome: d.status === 'sent' ? { status: 'done' as const } : { status: 'failed' as const, reason: d.status } };
          }),
        ),
    };
    service.scheduler.register([handler]);
    await service.scheduler.tick();
    for (const teamId of channels) await service.scheduler.schedule({ tenantId: TENANT, teamId, kind: 'bench-digest', key: `digest-${teamId}`, dueAt: new Date(now + 60_000) });
    now += 60_000;
    connector.clear();

    const started = performance.now();
    const pass = await service.scheduler.tick();
    const seconds = (performance.now() - started) / 1000;

    const posts = connector.activities().length;
    const perConversation = new Map<string, number>();
    for (const r of connector.requests)
      if (r.outcome === 'served' && r.route === 'sendToConversation') perConversation.set(r.conversationId ?? '', (perConversation.get(r.conversationId ?? '') ?? 0) + 1);
    const duplicates = [...perConversation.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
    const floor = GROUPS / PER_SECOND;
    report({ bench: 'fan-out', name: `${GROUPS} groups due at once: time`, value: seconds, unit: 's' });
    report({
      bench: 'fan-out',
      name: 'time / floor allowed by the limits',
      value: seconds / floor,
      unit: '×',
      baseline: `${floor} s floor (${GROUPS} posts at ${PER_SECOND}/s)`,
      goal: '≤ 1.2',
      pass: seconds / floor <= 1.2,
    });
    report({ bench: 'fan-out', name: '429s received', value: connector.stats.throttled, unit: 'responses' });
    report({ bench: 'fan-out', name: 'duplicate posts', value: duplicates, unit: 'posts', goal: '0', pass: duplicates === 0 });
    if (posts !== GROUPS || pass.outcomes.done !== GROUPS) throw new Error(`expected ${GROUPS} posts, got ${posts} (${JSON.stringify(pass.outcomes)})`);
  } finally {
    await service.stop();
    await connector.stop();
    await azurite.stop();
  }
}

void main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
