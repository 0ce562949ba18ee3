import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { startBotConnector, type BotConnector } from '../fakes/bot-connector';
import { loadActivity, TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { startChildService, type ChildService } from '../support/child-service';
import { testStorageConnection, uniquePrefix } from '../support/storage';

jest.setTimeout(120_000);

interface Raw {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/**
 * One request exactly as written: node:http, so the test controls the framing (a declared
 * length, or chunks with none), the encoding headers and the bytes. `chunks` are written one
 * by one; a request the server cuts off still resolves with what the server answered.
 */
function rawRequest(base: string, opts: { method?: string; path: string; headers?: Record<string, string>; chunks?: Buffer[]; chunked?: boolean }): Promise<Raw> {
  const url = new URL(opts.path, base);
  const chunks = opts.chunks ?? [];
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const headers = { ...(opts.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(total) }), ...opts.headers };
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'POST', headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString(), headers: res.headers }));
      res.on('error', reject);
    });
    // The server may answer and close before every chunk is written: that is the point. A
    // write error counts only if no answer arrives soon after it.
    req.on('error', (err) => setTimeout(() => reject(err), 2000));
    (async () => {
      for (const c of chunks) {
        if (req.destroyed) return;
        if (!req.write(c)) await new Promise((r) => req.once('drain', r));
      }
      req.end();
    })().catch(() => undefined);
  });
}

const multipart = (bytes: number): Buffer =>
  Buffer.concat([
    Buffer.from('--b0undary\r\nContent-Disposition: form-data; name="file"; filename="x.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'),
    Buffer.alloc(bytes, 0x41),
    Buffer.from('\r\n--b0undary--\r\n'),
  ]);

/** ~240 MB of JSON once inflated, ~240 KB on the wire. */
const gzipBomb = (): Buffer => gzipSync(Buffer.concat([Buffer.from('{"type":"message","text":"'), Buffer.alloc(240 * 1024 * 1024, 0x61), Buffer.from('"}')]), { level: 9 });

describe('malformed and hostile request bodies, against the service as its own process', () => {
  let connector: BotConnector;
  let service: ChildService;
  let url: string;
  let tmp: string;
  /** What the process itself keeps there (tsx's compile cache). */
  let tmpAtStart: string[];
  const tabWrite = '/api/tab/items';
  const devUser = { 'x-quorum-dev-user': `${TENANT_ID}:${USERS.amina.aadObjectId}`, 'x-quorum-team': TEAM.id };

  beforeAll(async () => {
    connector = await startBotConnector();
    // Its own temp directory, so "no file left behind" is counted exactly.
    tmp = mkdtempSync(path.join(tmpdir(), 'quorum-body-'));
    service = startChildService({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'info',
      SCHEDULER: 'off',
      STORAGE_CONNECTION_STRING: testStorageConnection(),
      STORAGE_TABLE_PREFIX: uniquePrefix(),
      INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId}`,
      TMPDIR: tmp,
    });
    url = await service.listening();
    tmpAtStart = readdirSync(tmp).sort();
  });
  afterAll(async () => {
    if (service?.alive()) {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    await connector?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  /** After every hostile request: still running, healthy, and a member's `help` is answered. */
  afterEach(async () => {
    expect(service.alive()).toBe(true);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    connector.clear();
    const help = loadActivity('personal-message', { serviceUrl: connector.url, text: 'help' });
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(help) });
    expect(res.status).toBe(200);
    expect(connector.requests.some((r) => r.route === 'replyToActivity' || r.route === 'sendToConversation')).toBe(true);
    expect(readdirSync(tmp).sort()).toEqual(tmpAtStart);
  });

  const refusedAs = (res: Raw, status: number) => {
    expect(res.status).toBe(status);
    expect(JSON.parse(res.body)).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  };

  it.each([
    ['/api/messages', 'a 5-byte "gzip" body that is not gzip', 'gzip', Buffer.from('hello')],
    ['/api/messages', 'a real gzip body', 'gzip', gzipSync(Buffer.from('{"type":"message","text":"help"}'))],
    ['/api/messages', 'deflate', 'deflate', Buffer.from('hello')],
    ['/api/messages', 'brotli', 'br', Buffer.from('hello')],
    [tabWrite, 'a 5-byte "gzip" body that is not gzip', 'gzip', Buffer.from('hello')],
  ])('%s: %s is refused with 415', async (route, _what, encoding, body) => {
    refusedAs(await rawRequest(url, { path: route, headers: { 'content-type': 'application/json', 'content-encoding': encoding, ...devUser }, chunks: [body] }), 415);
  });

  it('a gzip bomb (240 KB that inflates to 240 MB) is refused with 415, on both endpoints', async () => {
    const bomb = gzipBomb();
    expect(bomb.length).toBeLessThan(256 * 1024);
    refusedAs(await rawRequest(url, { path: '/api/messages', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, chunks: [bomb] }), 415);
    refusedAs(await rawRequest(url, { path: tabWrite, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, chunks: [bomb] }), 415);
  });

  it.each([
    ['/api/messages', false],
    ['/api/messages', true],
    [tabWrite, false],
    [tabWrite, true],
  ])('%s: a multipart upload (chunked: %s) is refused with 415 and leaves no file behind', async (route, chunked) => {
    const body = multipart(2 * 1024 * 1024);
    const parts = chunked ? [body.subarray(0, 64 * 1024), body.subarray(64 * 1024)] : [body];
    refusedAs(await rawRequest(url, { path: route, chunked, headers: { 'content-type': 'multipart/form-data; boundary=b0undary' }, chunks: parts }), 415);
  });

  it.each([
    ['text/csv', 'a,b\r\n1,2\r\n'],
    ['application/x-www-form-urlencoded', 'type=message&text=help'],
    ['text/plain', '{"type":"message"}'],
    ['application/jsonp', '{"type":"message"}'],
  ])("/api/messages: %s is refused with 415, not a 500 with the parser's words", async (type, body) => {
    const res = await rawRequest(url, { path: '/api/messages', headers: { 'content-type': type }, chunks: [Buffer.from(body)] });
    refusedAs(res, 415);
    expect(res.body).not.toContain(body.slice(0, 5));
  });

  it('a body with no content type at all is refused with 415', async () => {
    refusedAs(await rawRequest(url, { path: '/api/messages', chunks: [Buffer.from('{"type":"message"}')] }), 415);
  });

  it('a declared length over the limit is refused with 413 before the body is read', async () => {
    // Only the first 1 KB of a declared 10 MB is ever sent: the answer cannot wait for the rest.
    const res = await rawRequest(url, { path: '/api/messages', headers: { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) }, chunks: [Buffer.alloc(1024, 0x20)] });
    refusedAs(res, 413);
  });

  it('a chunked body (no length) is cut off with 413 once it passes the limit', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const chunks = [Buffer.from('{"type":"message","text":"'), ...Array.from({ length: 64 }, () => chunk)];
    const res = await rawRequest(url, { path: '/api/messages', chunked: true, headers: { 'content-type': 'application/json' }, chunks });
    // The 413 arrives while the client is still writing; the rest is discarded, not kept.
    refusedAs(res, 413);
  });

  it('a chunked body over the limit on a tab write route is refused with 413', async () => {
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const res = await rawRequest(url, {
      path: tabWrite,
      chunked: true,
      headers: { 'content-type': 'application/json', ...devUser },
      chunks: [Buffer.from('{"title":"'), ...Array.from({ length: 8 }, () => chunk)],
    });
    refusedAs(res, 413);
  });

  it.each([
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x74, 0xff, 0xfe, 0x22, 0x7d])],
    ['truncated JSON', Buffer.from('{"type":"message",')],
  ])('/api/messages: %s is refused with 400', async (_what, body) => {
    refusedAs(await rawRequest(url, { path: '/api/messages', headers: { 'content-type': 'application/json; charset=utf-8' }, chunks: [body] }), 400);
  });

  it('a tab write without a token is refused with 401 before its body is read', async () => {
    // A declared 60 KB of which nothing is sent: an answer means the body was not waited for.
    const res = await rawRequest(url, { path: tabWrite, headers: { 'content-type': 'application/json', 'content-length': String(60 * 1024), 'x-quorum-team': TEAM.id }, chunks: [Buffer.from('{')] });
    refusedAs(res, 401);
  });
});
