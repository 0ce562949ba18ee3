import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { ConfigError, parseConfig, type QuorumConfig } from './platform/config';
import { startAzurite, type RunningAzurite } from './dev/azurite';
import { systemClock, type Clock } from './kernel/clock';
import { RolePolicy } from './kernel/roles';
import { createServer } from './platform/http/server';
import { authMode, createAuthenticator } from './platform/http/tab-api/authenticate';
import { createI18n } from './platform/i18n/i18n';
import { bridgeConsole } from './platform/logging/console-bridge';
import { createLogger, type Logger } from './platform/logging/logger';
import { createJobStore } from './platform/storage/table-job-store';
import { accountUrlTarget, type StorageTarget } from './platform/storage/table-client.factory';
import { createStorage, openTables, type QuorumTables } from './features/storage';
import { DEFAULT_SCHEDULER_OPTIONS, JobScheduler, newInstanceId } from './platform/scheduler/job-scheduler';
import { DeliveryLog } from './platform/storage/delivery-log';
import { ReadCache } from './platform/storage/read-cache';
import { TEAMS_LIMITS } from './platform/notifier/rate-limiter';
import { TeamsNotifier } from './platform/notifier/teams-notifier';
import { createAdapter } from './platform/teams/adapter';
import { ConnectorTransport } from './platform/teams/connector-transport';
import { FeatureRegistry } from './platform/teams/feature-registry';
import { createFeatures } from './features/index';
import { QuorumBot } from './platform/teams/quorum-bot';
import { createTurnErrorHandler } from './platform/teams/turn-error';

/** The repository root, whether running from bot/src (tsx) or bot/dist (compiled). */
const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface StartOptions {
  logger?: Logger;
  /** Where log lines go when no logger is given (tests capture them). */
  logDestination?: NodeJS.WritableStream;
  clock?: Clock;
}

export interface RunningQuorum {
  url: string;
  port: number;
  /** Set when the embedded Azurite was started for this process. */
  storageConnectionString?: string;
  logger: Logger;
  /** Tests drive passes with a fake clock (with SCHEDULER=off) and read what was sent. */
  scheduler: JobScheduler;
  notifier: TeamsNotifier;
  tables: QuorumTables;
  stop(): Promise<void>;
}

/**
 * The composition root: everything is built here from one parsed config, and nothing else
 * reads the environment. Tests start the real service through this same function.
 */
export async function startQuorum(config: QuorumConfig, opts: StartOptions = {}): Promise<RunningQuorum> {
  const logger = opts.logger ?? createLogger({ ...config.log, ...(opts.logDestination ? { destination: opts.logDestination } : {}) });
  const clock = opts.clock ?? systemClock;

  let azurite: RunningAzurite | undefined;
  let target: StorageTarget;
  if (config.storage.kind === 'embedded') {
    azurite = await startAzurite({ location: path.join(REPO_ROOT, '.local', 'azurite'), port: 10002 });
    target = { kind: 'connection-string', connectionString: azurite.connectionString };
    logger.info({ port: azurite.port }, 'started embedded Azurite (data in .local/azurite)');
  } else if (config.storage.kind === 'connection-string') {
    target = { kind: 'connection-string', connectionString: config.storage.connectionString };
  } else {
    target = accountUrlTarget(config.storage.accountUrl);
  }

  try {
    const tables = openTables(target, config.storage.tablePrefix);
    // Every catalogued table, before anything reads one.
    await tables.ensureTables();
    const repos = createStorage(tables, { logger, clock, cache: new ReadCache(config.storageCacheMs) });
    const i18n = createI18n();
    const roles = new RolePolicy(repos.members, config.initialCoChairs);
    const adapter = createAdapter(config.bot, config.playground);
    const notifier = new TeamsNotifier(new ConnectorTransport(adapter, config.bot?.appId ?? ''), repos, new DeliveryLog(tables.table('deliveries')), clock, logger, {
      limits: { ...TEAMS_LIMITS, perTenantPerSecond: config.notifyMaxPerSecond },
      maxAttempts: config.notifyRetry.maxAttempts,
      backoff: { baseMs: config.notifyRetry.baseMs, maxMs: 30_000 },
      attemptTimeoutMs: config.notifyRetry.timeoutMs,
    });
    const scheduler = new JobScheduler(createJobStore(tables), clock, logger, {
      ...DEFAULT_SCHEDULER_OPTIONS,
      instanceId: newInstanceId(),
      tickMs: config.scheduler.tickMs,
      leaseMs: config.scheduler.leaseMs,
    });

    const features = createFeatures({ repos, roles, clock, logger, notifier, scheduler, i18n, publicBaseUrl: config.publicBaseUrl });
    scheduler.register(features.flatMap((f) => f.jobs ?? []));
    const registry = new FeatureRegistry(features);
    const deps = { repos, roles, clock, i18n, logger, allowedTenantIds: config.allowedTenantIds, registry };
    adapter.onTurnFailure(createTurnErrorHandler(deps));
    const bot = new QuorumBot(deps);
    const tabApi = { routes: features.flatMap((f) => f.routes ?? []), authenticate: createAuthenticator(config), bot: deps, listBudget: config.tabListBudget };
    const server = createServer({
      adapter,
      bot,
      logger,
      pingStorage: () => tables.ping(),
      tabDir: path.join(REPO_ROOT, 'tab', 'dist'),
      tabApi,
      authMode: authMode(config),
      botAuthenticated: Boolean(config.bot),
      production: config.env === 'production',
      ...devUserOf(config),
    });

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    logger.info({ url, authenticated: Boolean(config.bot), storage: config.storage.kind }, 'Quorum is listening');
    if (!config.bot) logger.warn('BOT_ID is not set: local development mode, requests are NOT authenticated (loopback only)');
    if (config.scheduler.enabled) scheduler.start();

    let stopped = false;
    return {
      url,
      port,
      logger,
      scheduler,
      notifier,
      tables,
      ...(azurite ? { storageConnectionString: azurite.connectionString } : {}),
      async stop() {
        if (stopped) return;
        stopped = true;
        await scheduler.stop();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await azurite?.stop();
        logger.info('Quorum stopped');
      },
    };
  } catch (err) {
    await azurite?.stop();
    throw err;
  }
}

/** On an unauthenticated local run, the tab starts as the first configured co-chair. */
function devUserOf(config: QuorumConfig): { defaultDevUser?: string } {
  const first = config.initialCoChairs[0];
  return !config.bot && !config.tabSso && first ? { defaultDevUser: `${first.tenantId}:${first.aadObjectId}` } : {};
}

async function main(): Promise<void> {
  // A local .env is a convenience for development; production settings come from the host.
  (await import('dotenv')).config({ quiet: true });
  let config: QuorumConfig;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const running = await startQuorum(config);
  bridgeConsole(running.logger);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.logger.info({ signal }, 'shutting down');
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`Quorum failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
