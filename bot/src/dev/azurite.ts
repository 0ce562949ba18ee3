import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

/** Azurite's well-known development account (public, documented; not a secret). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface RunningAzurite {
  port: number;
  connectionString: string;
  stop(): Promise<void>;
}

export interface AzuriteOptions {
  /** Folder for the data; omitted = in memory (tests). */
  location?: string;
  /** Preferred port; a free one is picked when it is taken. */
  port?: number;
  /**
   * Use exactly `port` (waiting a little for a previous run to release it) instead of picking
   * another: a restart must come back where the service's connection string points.
   */
  samePort?: boolean;
}

export function azuriteConnectionString(port: number): string {
  return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};TableEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`;
}

/** Azurite's table service as a child process (Azurite cannot report a port it picked itself). */
export async function startAzurite(opts: AzuriteOptions = {}): Promise<RunningAzurite> {
  const port = opts.samePort && opts.port !== undefined ? await waitUntilFree(opts.port) : opts.port !== undefined && (await isFree(opts.port)) ? opts.port : await freePort();
  const args = [require.resolve('azurite/dist/src/table/main.js'), '--tableHost', '127.0.0.1', '--tablePort', String(port), '--disableTelemetry', '--silent', '--skipApiVersionCheck'];
  if (opts.location) {
    fs.mkdirSync(opts.location, { recursive: true });
    args.push('--location', opts.location);
  } else {
    args.push('--inMemoryPersistence');
  }
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  await waitForStart(child);
  const stopOnExit = () => child.kill('SIGKILL');
  process.once('exit', stopOnExit);
  return {
    port,
    connectionString: azuriteConnectionString(port),
    stop: () => {
      process.removeListener('exit', stopOnExit);
      return stopChild(child);
    },
  };
}

function waitForStart(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`Azurite did not start within 20 s: ${output.slice(-500)}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/successfully listening|successfully started/i.test(output)) {
        clearTimeout(timer);
        child.stdout?.removeListener('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve();
      }
    };
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => fail(new Error(`Azurite exited (${code}) before starting: ${output.slice(-500)}`)));
  });
}

/**
 * SIGINT, not SIGTERM: on SIGINT Azurite closes its database, which saves it; SIGTERM ends
 * the process at once and a disk-backed Azurite loses what it wrote since its last autosave
 * (up to 5 s of acknowledged writes).
 */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGINT');
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilFree(port: number): Promise<number> {
  for (let i = 0; i < 100; i++) {
    if (await isFree(port)) return port;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`port ${port} is still taken`);
}

export function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}
