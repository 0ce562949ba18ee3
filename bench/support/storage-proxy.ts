import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { azuriteConnectionString } from '../../bot/src/dev/azurite';

/**
 * A loopback HTTP proxy in front of Azurite that counts every storage call (one HTTP request is
 * one round trip; a `$batch` transaction is one call) by method and table, and can hold each
 * call for a fixed delay before forwarding it — the round trip Azure Table storage costs.
 */
export interface StorageProxy {
  /** Connection string pointing at the proxy (same development account as Azurite). */
  connectionString: string;
  /** Delay added to every call from now on. */
  setDelay(ms: number): void;
  /** Forget what was counted so far. */
  reset(): void;
  /** Calls since the last reset, by `METHOD table` (a batch: `BATCH table ×n operations`). */
  counts(): Map<string, number>;
  total(): number;
  /** Resolves once no call has been in flight for `quietMs`. */
  idle(quietMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startStorageProxy(azuritePort: number, tablePrefix: string): Promise<StorageProxy> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  let delayMs = 0;
  let counts = new Map<string, number>();
  let inFlight = 0;
  let lastDone = performance.now();

  const tableOf = (text: string): string => {
    const m = /devstoreaccount1\/([A-Za-z][A-Za-z0-9]*)/.exec(text);
    const name = m?.[1] ?? '?';
    return name.startsWith(tablePrefix) ? name[tablePrefix.length]!.toLowerCase() + name.slice(tablePrefix.length + 1) : name;
  };

  const server = http.createServer((req, res) => {
    inFlight++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = req.url ?? '/';
      let key: string;
      if (path.includes('$batch')) {
        const text = body.toString('utf8');
        const ops = (text.match(/^(GET|POST|PUT|PATCH|MERGE|DELETE) http/gm) ?? []).length;
        key = `BATCH ${tableOf(text.replace(/^[\s\S]*?(GET|POST|PUT|PATCH|MERGE|DELETE) http/m, ''))} ×${ops}`;
      } else {
        const method = req.method ?? '?';
        const kind = method === 'GET' && /\(PartitionKey=/.test(path) ? 'GET(point)' : method === 'GET' ? 'GET(query)' : method;
        key = `${kind} ${tableOf(path)}`;
      }
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const forward = () => {
        const upstream = http.request({ host: '127.0.0.1', port: azuritePort, method: req.method, path, headers: req.headers, agent }, (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          up.on('end', done);
        });
        upstream.on('error', (err) => {
          res.writeHead(502);
          res.end(String(err));
          done();
        });
        upstream.end(body);
      };
      if (delayMs > 0) setTimeout(forward, delayMs);
      else forward();
    });
    let finished = false;
    function done() {
      if (finished) return;
      finished = true;
      inFlight--;
      lastDone = performance.now();
    }
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    connectionString: azuriteConnectionString(port),
    setDelay: (ms) => (delayMs = ms),
    reset: () => (counts = new Map()),
    counts: () => new Map(counts),
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    async idle(quietMs = 30) {
      for (;;) {
        const quietFor = performance.now() - lastDone;
        if (inFlight === 0 && quietFor >= quietMs) return;
        await new Promise((r) => setTimeout(r, Math.max(5, quietMs - quietFor)));
      }
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
