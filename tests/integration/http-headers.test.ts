import http from 'node:http';
import { FRAME_ANCESTORS } from '../../bot/src/platform/http/security-headers';
import { TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { startTestService, type TestService } from '../support/service';
import { testStorageConnection } from '../support/storage';

/** A GET with a Host header of the test's choosing (fetch will not let one be set). */
function getWithHost(base: string, path: string, host: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, base), { headers: { host, ...headers }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const CSP_FRAME_ANCESTORS = /(?:^|;)\s*frame-ancestors ([^;]+)/;

describe('response headers', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId}` });
  });
  afterAll(async () => service.stop());

  it.each(['/tab/', '/api/tab', '/healthz', '/api/tab/me', '/no-such-page'])('%s carries CSP (frame-ancestors: Teams and Microsoft 365 only), nosniff and a referrer policy', async (path) => {
    const res = await fetch(`${service.url}${path}`, { headers: { 'x-quorum-dev-user': `${TENANT_ID}:${USERS.amina.aadObjectId}`, 'x-quorum-team': TEAM.id } });
    const csp = res.headers.get('content-security-policy') ?? '';
    const ancestors = CSP_FRAME_ANCESTORS.exec(csp)?.[1]?.trim().split(/\s+/) ?? [];
    expect(ancestors.sort()).toEqual([...FRAME_ANCESTORS].sort());
    // Every framing host is https and one of Microsoft's own.
    for (const a of ancestors.filter((x) => x !== "'self'"))
      expect(a).toMatch(/^https:\/\/(\*\.)?(teams\.microsoft\.com|cloud\.microsoft|microsoft365\.com|office\.com|outlook\.office\.com|outlook\.office365\.com)$/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    // Not in a local run: HSTS would pin localhost to https in the developer's browser.
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('local (unauthenticated) mode answers only requests addressed to this machine', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId}` });
  });
  afterAll(async () => service.stop());
  const dev = { 'x-quorum-dev-user': `${TENANT_ID}:${USERS.amina.aadObjectId}`, 'x-quorum-team': TEAM.id };

  it.each(['attacker.example', 'attacker.example:3978', '127.0.0.1.attacker.example', 'localhost.attacker.example'])('a rebinding page (Host "%s") gets 421 and no data', async (host) => {
    for (const path of ['/api/tab', '/api/tab/me', '/tab/', '/healthz']) expect((await getWithHost(service.url, path, host, dev)).status).toBe(421);
  });

  it.each(['localhost', `localhost:${'3978'}`, '127.0.0.1', '127.0.0.1:3978', '[::1]:3978'])('Host "%s" is served', async (host) => {
    expect((await getWithHost(service.url, '/api/tab', host, dev)).status).toBe(200);
  });
});

describe('production mode', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      BOT_ID: '3c9d6a2e-1b4f-4e8a-9c7d-2e5f6a7b8c9d',
      BOT_TYPE: 'MultiTenant',
      BOT_PASSWORD: 'not-a-real-secret',
      STORAGE_CONNECTION_STRING: testStorageConnection(),
      ALLOWED_TENANT_IDS: TENANT_ID,
      TAB_SSO_CLIENT_ID: '0b6f9a51-8d2c-4e3b-a1f7-5c4d3e2b1a09',
    });
  });
  afterAll(async () => service.stop());

  it('sends HSTS, and answers whatever Host the front end forwards (authentication guards it there)', async () => {
    const res = await getWithHost(service.url, '/healthz', 'quorum.azurewebsites.net');
    expect(res.status).toBe(200);
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d{8,}/);
  });
});
