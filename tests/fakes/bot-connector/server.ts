import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Directory } from './directory';
import { FaultMix } from './fault-mix';
import { errorFor, FaultPlan } from './faults';
import { SlidingWindowRateLimiter } from './rate-limit';
import { ACTIVITY_WRITES, ConnectorService, errorBody, matchRoute, type ServiceResponse } from './routes';
import type { InjectableStatus, BotConnector, BotConnectorOptions, BotConnectorStats, RecordedRequest, RequestMatcher, WaitForOptions } from './types';

interface Waiter {
  predicate: RequestMatcher;
  resolve: (req: RecordedRequest) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

const emptyStats = (): BotConnectorStats => ({ requests: 0, throttled: 0, failed: 0, delayed: 0, dropped: 0 });

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function decodeSegments(rawPath: string): string[] | undefined {
  try {
    return rawPath
      .split('/')
      .slice(1)
      .map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

/** Whose tenant a write is for, as Teams reads it from the activity. */
function tenantOf(body: unknown): string | undefined {
  const b = body as { conversation?: { tenantId?: unknown }; channelData?: { tenant?: { id?: unknown } } } | undefined;
  const t = b?.conversation?.tenantId ?? b?.channelData?.tenant?.id;
  return typeof t === 'string' ? t : undefined;
}

function summarise(req: RecordedRequest): string {
  return `${req.method} ${req.path} -> ${req.status ?? req.outcome}`;
}

export async function startBotConnector(options: BotConnectorOptions = {}): Promise<BotConnector> {
  const now = options.now ?? Date.now;
  const directory = new Directory();
  const service = new ConnectorService(directory, now);
  const faults = new FaultPlan();
  let limiter: SlidingWindowRateLimiter | undefined;
  let mix: FaultMix | undefined;

  let requests: RecordedRequest[] = [];
  let stats = emptyStats();
  const waiters = new Set<Waiter>();
  const sockets = new Set<Socket>();
  // Delays are cut short by stop() so a test never waits on a server it already closed.
  const pendingDelays = new Set<{ timer: NodeJS.Timeout; done: () => void }>();
  let stopping: Promise<void> | undefined;

  const record = (req: http.IncomingMessage, rawPath: string, query: URLSearchParams, body: unknown, arrivedAt: number): RecordedRequest => {
    const method = req.method ?? 'GET';
    const segments = decodeSegments(rawPath);
    const match = segments ? matchRoute(method, segments) : { route: 'unknown' as const };
    const recorded: RecordedRequest = {
      method,
      path: segments ? `/${segments.join('/')}` : rawPath,
      rawPath,
      query: Object.fromEntries(query),
      ...match,
      body,
      headers: {
        ...(req.headers.authorization === undefined ? {} : { authorization: req.headers.authorization }),
        ...(req.headers['content-type'] === undefined ? {} : { contentType: req.headers['content-type'] }),
      },
      at: arrivedAt,
      outcome: 'pending',
    };
    const tenantId = tenantOf(body);
    if (tenantId !== undefined) recorded.tenantId = tenantId;
    requests.push(recorded);
    stats.requests += 1;
    for (const waiter of waiters) {
      if (waiter.predicate(recorded)) {
        waiters.delete(waiter);
        clearTimeout(waiter.timer);
        waiter.resolve(recorded);
      }
    }
    return recorded;
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        pendingDelays.delete(entry);
        clearTimeout(entry.timer);
        resolve();
      };
      const entry = { timer: setTimeout(done, ms), done };
      pendingDelays.add(entry);
    });

  const answer = (res: http.ServerResponse, recorded: RecordedRequest, reply: ServiceResponse, headers: http.OutgoingHttpHeaders = {}): void => {
    recorded.status = reply.status;
    recorded.answeredAt = now();
    const retryAfter = Number(headers['Retry-After']);
    if (headers['Retry-After'] !== undefined && Number.isFinite(retryAfter)) recorded.retryAfterMs = retryAfter * 1_000;
    if (reply.status === 429) stats.throttled += 1;
    if (res.destroyed) return;
    const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      ...headers,
      ...(payload === '' ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
      'Content-Length': Buffer.byteLength(payload),
    });
    res.end(payload);
  };

  const drop = (res: http.ServerResponse, recorded: RecordedRequest, outcome: 'dropped' | 'dropped-after-processing'): void => {
    recorded.outcome = outcome;
    recorded.answeredAt = now();
    stats.dropped += 1;
    res.socket?.destroy();
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Arrival is when the request came in, not when its body was read.
    const arrivedAt = now();
    const recorded = record(req, url.pathname, url.searchParams, parseJson(await readBody(req)), arrivedAt);

    const delay = faults.takeDelay(recorded);
    if (delay !== undefined) {
      stats.delayed += 1;
      await sleep(delay);
      if (stopping) return drop(res, recorded, 'dropped');
    }

    let dropRule = faults.takeDrop(recorded);
    if (dropRule && !dropRule.afterProcessing) return drop(res, recorded, 'dropped');

    let failure = faults.takeFailure(recorded);
    const mixed = !dropRule && !failure && delay === undefined ? mix?.draw(recorded) : undefined;
    if (mixed !== undefined && mix) {
      recorded.mixedFault = mixed;
      if (mixed === 'drop') return drop(res, recorded, 'dropped');
      if (mixed === 'accept-then-drop') dropRule = { afterProcessing: true };
      if (mixed === 'slow') {
        stats.delayed += 1;
        await sleep(mix.slowMs);
        if (stopping) return drop(res, recorded, 'dropped');
      }
      if (mixed === '429-retry-after' || mixed === '429' || mixed === '500' || mixed === '502' || mixed === '504') {
        const status = mixed === '429-retry-after' ? 429 : (Number(mixed) as InjectableStatus);
        failure = { status, retryAfterSeconds: mixed === '429-retry-after' ? mix.retryAfterSeconds : undefined, ...errorFor(status) };
      }
    }
    if (failure) {
      recorded.outcome = 'failed';
      stats.failed += 1;
      const headers = failure.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(failure.retryAfterSeconds) };
      return answer(res, recorded, { status: failure.status, body: errorBody(failure.code, failure.message) }, headers);
    }

    if (options.authorize && !(await options.authorize(recorded.headers.authorization))) {
      recorded.outcome = 'unauthorized';
      // The connector's own refusal is ASP.NET's, not the {error:{...}} shape of its API errors.
      return answer(res, recorded, { status: 401, body: { message: 'Authorization has been denied for this request.' } });
    }

    if (limiter && ACTIVITY_WRITES.has(recorded.route) && !limiter.tryAcquire(recorded.conversationId ?? '')) {
      recorded.outcome = 'throttled';
      const body = errorBody('Throttled', 'Too many requests to this conversation; retry after 1 second.');
      return answer(res, recorded, { status: 429, body }, { 'Retry-After': '1' });
    }

    const reply = service.handle(recorded);
    const id = (reply.body as { id?: unknown } | undefined)?.id;
    if (ACTIVITY_WRITES.has(recorded.route) && typeof id === 'string') recorded.responseId = id;
    if (dropRule) {
      recorded.status = reply.status;
      return drop(res, recorded, 'dropped-after-processing');
    }
    recorded.outcome = 'served';
    answer(res, recorded, reply);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(errorBody('InternalServerError', `Fake connector failed: ${String(err)}`)));
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const connector: BotConnector = {
    url: `http://127.0.0.1:${port}/`,
    get requests() {
      return requests;
    },
    get stats() {
      return stats;
    },

    activities: () =>
      requests
        .filter((r) => ACTIVITY_WRITES.has(r.route))
        .filter((r) => r.outcome === 'dropped-after-processing' || (r.outcome === 'served' && (r.status ?? 0) < 300))
        .map((r) => r.body),

    clear: () => {
      requests = [];
      stats = emptyStats();
    },

    waitFor: (predicate, { timeoutMs = 5_000 }: WaitForOptions = {}) => {
      const seen = requests.find(predicate);
      if (seen) return Promise.resolve(seen);
      if (stopping) return Promise.reject(new Error('waitFor: the bot connector is stopped'));
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            const log = requests.length === 0 ? '  (none)' : requests.map((r) => `  ${summarise(r)}`).join('\n');
            reject(new Error(`waitFor: no matching request within ${timeoutMs} ms. Recorded:\n${log}`));
          }, timeoutMs),
        };
        waiters.add(waiter);
      });
    },

    addMember: (id, member) => directory.addMember(id, member),
    setMembers: (id, members) => directory.setMembers(id, members),
    setTeam: (team) => directory.setTeam(team),

    failNext: (opts) => faults.failNext(opts),
    delayNext: (opts) => faults.delayNext(opts),
    dropNext: (opts = {}) => faults.dropNext(opts),
    faultMix: (opts) => {
      mix = new FaultMix(opts);
    },
    clearFaults: () => {
      faults.clear();
      mix = undefined;
    },

    enforceTeamsRateLimits: (limits = {}) => {
      limiter = new SlidingWindowRateLimiter(limits, now);
    },
    disableRateLimits: () => {
      limiter = undefined;
    },

    stop: () => {
      stopping ??= new Promise<void>((resolve) => {
        for (const waiter of waiters) {
          clearTimeout(waiter.timer);
          waiter.reject(new Error('waitFor: the bot connector was stopped'));
        }
        waiters.clear();
        for (const delay of [...pendingDelays]) delay.done();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return stopping;
    },
  };
  return connector;
}
