import { createPollsStorage } from '../../bot/src/features/polls/storage/polls.storage';
import type { PollRepository } from '../../bot/src/features/polls/domain/ports';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { parseConfig } from '../../bot/src/platform/config';
import { startAzurite, type RunningAzurite } from '../../bot/src/dev/azurite';
import { startQuorum, type RunningQuorum } from '../../bot/src/main';
import { createRepositories } from '../../bot/src/platform/storage/repositories';
import { openTables, type QuorumTables } from '../../bot/src/features/storage';
import { createTableClients } from '../../bot/src/platform/storage/table-client.factory';
import { startBotConnector, type BotConnector } from '../../tests/fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS } from '../../tests/fixtures/activities';
import { mapLimit } from '../../bot/src/kernel/map-limit';

export interface Person {
  id: string;
  name: string;
  aadObjectId: string;
}

export interface BenchStack {
  azurite: RunningAzurite;
  connector: BotConnector;
  service: RunningQuorum;
  tables: QuorumTables;
  /** A scratch table of the bench's own, outside the service's catalogue. */
  rawTable(name: 'benchRaw'): ReturnType<QuorumTables['table']>;
  polls: PollRepository;
  /** The service's table prefix. */
  prefix: string;
  post(activity: unknown): Promise<unknown>;
  invoke(from: Person | 'amina', verb: string, data: Record<string, unknown>): Promise<unknown>;
  stop(): Promise<void>;
}

export interface BenchStackOptions {
  /** The connection string the service uses, e.g. a proxy in front of Azurite (default: Azurite's own). */
  serviceStorage?: (azurite: RunningAzurite, prefix: string) => Promise<string>;
  /** More of the service's settings (as an operator sets them). */
  env?: Record<string, string>;
}

/** Azurite (in memory), the Bot Connector stand-in and the real service, all on loopback. */
export async function startBenchStack(opts: BenchStackOptions = {}): Promise<BenchStack> {
  const azurite = await startAzurite();
  const connector = await startBotConnector();
  connector.setTeam({ id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId });
  const roster = (['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u));
  connector.setMembers(TEAM.id, roster);
  connector.setMembers(TEAM.selectedChannel.id, roster);
  const prefix = `bench${randomUUID().slice(0, 6).replace(/-/g, '')}`;
  const config = parseConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SCHEDULER: 'off',
    STORAGE_CONNECTION_STRING: opts.serviceStorage ? await opts.serviceStorage(azurite, prefix) : azurite.connectionString,
    STORAGE_TABLE_PREFIX: prefix,
    INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId}`,
    ...opts.env,
  });
  const sink = new Writable({ write: (_c, _e, done) => done() });
  const service = await startQuorum(config, { logDestination: sink });
  const tables = openTables({ kind: 'connection-string', connectionString: azurite.connectionString }, prefix);
  const post = async (activity: unknown) => {
    const res = await fetch(`${service.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await res.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  await post(loadActivity('bot-added-to-team', { serviceUrl: connector.url }));
  return {
    azurite,
    connector,
    service,
    tables,
    rawTable: (name) => createTableClients({ kind: 'connection-string', connectionString: azurite.connectionString }, prefix, [name]).table(name),
    polls: createPollsStorage(tables).polls,
    prefix,
    post,
    invoke: (from, verb, data) => post(loadActivity('invoke-adaptive-card-action', { serviceUrl: connector.url, from, cardAction: { verb, data: { teamId: TEAM.id, ...data } } })),
    async stop() {
      await service.stop();
      await connector.stop();
      await azurite.stop();
    },
  };
}

/** Stores members directly (as the roster sync would), many at a time. */
export async function addMembers(tables: QuorumTables, count: number, tag: string): Promise<Person[]> {
  const repos = createRepositories(tables);
  const people = Array.from({ length: count }, (_, i) => ({ id: `29:${tag}-${i}`, name: `${tag} ${i}`, aadObjectId: randomUUID() }));
  await mapLimit(people, 64, (p) => repos.members.upsertProfile({ tenantId: TENANT_ID, teamId: TEAM.id, ...p, userId: p.id, role: 'member', active: true, updatedAt: new Date().toISOString() }));
  return people;
}

export const GROUP = { tenantId: TENANT_ID, teamId: TEAM.id };
