/**
 * `npm start`: the whole app on this machine with no Azure account and no Teams tenant —
 * the service (with Azurite, unless storage is configured) and the Agents Playground as
 * the chat client. Ctrl-C stops everything it started.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ConfigError, parseConfig } from '../platform/config';
import { isFree } from './azurite';
import { startQuorum, type RunningQuorum } from '../main';

/** PLAYGROUND_PORT moves it (when 56150 is taken, or for the walkthrough test). */
const DEFAULT_PLAYGROUND_PORT = 56150;
const PLAYGROUND_DIR = path.join(__dirname, 'playground');
const REPO_ROOT_LOCAL = path.resolve(__dirname, '..', '..', '..', '.local');
/** The Playground's signed-in user (see playground/.m365agentsplayground.yml) is the local co-chair. */
const LOCAL_CO_CHAIR = '5f2b2c7e-7b1e-4c1a-9d7e-0a1b2c3d4e5f:0d6b1c3e-5a7f-4e2b-8c9d-1f2e3a4b5c6d';

async function main(): Promise<void> {
  (await import('dotenv')).config({ quiet: true });
  let service: RunningQuorum | undefined;
  let playground: ChildProcess | undefined;
  let stopping = false;

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping Quorum…');
    if (playground) await stopGroup(playground);
    await service?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGHUP', () => void stop(0));
  // If whatever launched us dies without passing the signal on, don't leave children behind.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void stop(0), 1000).unref();

  try {
    // PLAYGROUND_PORT also tells the service which connector is the Playground (see config.ts).
    const config = parseConfig({ LOG_FORMAT: 'pretty', INITIAL_CO_CHAIRS: LOCAL_CO_CHAIR, PLAYGROUND_PORT: String(DEFAULT_PLAYGROUND_PORT), ...process.env });
    const playgroundPort = config.playground?.port ?? DEFAULT_PLAYGROUND_PORT;
    // The Playground would quietly move to a random port, away from the address printed below.
    if (!(await isFree(playgroundPort))) throw new Error(`port ${playgroundPort} is taken (another npm start?): stop it, or set PLAYGROUND_PORT to a free port`);
    buildTab();
    service = await startQuorum(config);
    const endpoint = `${service.url}/api/messages`;
    playground = spawn(
      process.execPath,
      [
        '--require',
        path.join(__dirname, 'loopback-listen.cjs'),
        require.resolve('@microsoft/m365agentsplayground/cli.js'),
        'start',
        '-e',
        endpoint,
        '-c',
        'msteams',
        '-p',
        String(playgroundPort),
        '--dt',
      ],
      {
        cwd: PLAYGROUND_DIR,
        // The Playground exits when its stdin reaches end-of-file, so it gets a pipe we never close.
        stdio: ['pipe', 'pipe', 'pipe'],
        env: {
          ...process.env,
          // Its own log file would otherwise land in the source tree.
          M365_AGENTS_PLAYGROUND_LOGFILE: path.join(REPO_ROOT_LOCAL, 'playground.log'),
          TEAMSAPPTESTER_BROWSER: 'none',
          // --dt stops its telemetry events, but it still starts the Application Insights SDK, whose
          // statsbeat probes the Azure metadata address (169.254.169.254) at once and whose
          // heartbeat would report every 15 minutes: a local run reaches nothing beyond loopback.
          APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
          APPLICATIONINSIGHTS_CONFIGURATION_CONTENT: JSON.stringify({ enableAutoCollectHeartbeat: false, enableAutoCollectPreAggregatedMetrics: false }),
        },
        detached: true,
      },
    );
    playground.stdout?.on('data', (c: Buffer) => process.stdout.write(`[playground] ${c.toString()}`));
    playground.stderr?.on('data', (c: Buffer) => process.stderr.write(`[playground] ${c.toString()}`));
    playground.once('exit', (code) => {
      if (!stopping) {
        console.error(`The Agents Playground exited (${code}); stopping.`);
        void stop(1);
      }
    });
    await waitForHttp(`http://127.0.0.1:${playgroundPort}/`, 60_000);
    console.log(
      [
        '',
        'Quorum is running locally.',
        `  Chat (Agents Playground):  http://127.0.0.1:${playgroundPort}/  — open it and type "help"`,
        `  Bot endpoint:              ${endpoint}`,
        `  Health:                    ${service.url}/healthz`,
        `  Tab:                       ${service.url}/tab/`,
        `  Storage:                   ${service.storageConnectionString ? 'Azurite, data in .local/azurite' : 'as configured'}`,
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : `Could not start: ${err instanceof Error ? err.message : String(err)}`);
    await stop(1);
  }
}

/** The tab is served from tab/dist: build it from the current sources first (a few seconds). */
function buildTab(): void {
  console.log('Building the tab…');
  const vite = path.resolve(__dirname, '..', '..', '..', 'node_modules', 'vite', 'bin', 'vite.js');
  const run = spawnSync(process.execPath, [vite, 'build', 'tab', '--logLevel', 'error'], { cwd: path.resolve(__dirname, '..', '..', '..'), stdio: 'inherit' });
  if (run.status !== 0) throw new Error('the tab did not build (see above)');
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** The Playground may start helpers of its own: signal its whole process group. */
function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolve) => {
    const force = setTimeout(() => signalGroup(pid, 'SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      signalGroup(pid, 'SIGKILL');
      resolve();
    });
    signalGroup(pid, 'SIGTERM');
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

void main();
