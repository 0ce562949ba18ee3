import http from 'node:http';
import { startBotConnector, type BotConnector } from '../fakes/bot-connector';
import { startBotFrameworkIdentity, type BotFrameworkIdentity } from '../fakes/bot-framework-identity';
import { BOT_APP_ID, loadActivity, TEAM, TENANT_ID } from '../fixtures/activities';
import { startTestService, type TestService } from '../support/service';
import { JWT_SHAPE } from '../support/log-capture';

/**
 * The authenticated path, offline: the service runs with an app id and Bot Framework
 * endpoints pointed at a local OpenID metadata + JWKS server that signs with our own keys.
 */
describe('/api/messages authentication', () => {
  let identity: BotFrameworkIdentity;
  let connector: BotConnector;
  let service: TestService;
  // botbuilder prints its own validation errors to the console: keep them, to check them too.
  const consoleLines: string[] = [];
  let restoreConsole: () => void;

  beforeAll(async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void consoleLines.push(args.map(String).join(' ')));
    restoreConsole = () => spy.mockRestore();
    identity = await startBotFrameworkIdentity();
    connector = await startBotConnector();
    const u = identity.urls;
    service = await startTestService({
      BOT_ID: BOT_APP_ID,
      BOT_TYPE: 'MultiTenant',
      BOT_PASSWORD: 'not-a-real-secret',
      BOT_AUTH_OPENID_METADATA_URL: u.ToBotFromChannelOpenIdMetadataUrl,
      BOT_AUTH_EMULATOR_OPENID_METADATA_URL: u.ToBotFromEmulatorOpenIdMetadataUrl,
      BOT_AUTH_TOKEN_ISSUER: u.ToBotFromChannelTokenIssuer,
      BOT_AUTH_LOGIN_URL: u.ToChannelFromBotLoginUrl,
      BOT_AUTH_OAUTH_SCOPE: u.ToChannelFromBotOAuthScope,
      BOT_AUTH_OAUTH_URL: u.OAuthUrl,
      BOT_AUTH_CALLER_ID: u.CallerId,
    });
  });
  afterAll(async () => {
    await service.stop();
    await connector.stop();
    await identity.stop();
    restoreConsole();
  });

  // A card action is answered in the HTTP response itself, so "the bot's logic ran" is visible
  // without the bot needing an outbound token.
  const activity = () => loadActivity('invoke-adaptive-card-action', { serviceUrl: connector.url, from: 'amina', cardAction: { verb: 'cochairs.show', data: { teamId: TEAM.id } } });
  const post = (token: string | undefined, body = activity()) => service.post(body, token === undefined ? {} : { authorization: `Bearer ${token}` });
  const sign = (o: Partial<Parameters<BotFrameworkIdentity['signChannelToken']>[0]> = {}) => identity.signChannelToken({ appId: BOT_APP_ID, serviceUrl: connector.url, ...o });

  it('accepts a correctly signed Bot Framework token and runs the bot', async () => {
    const res = await post(await sign());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
  });

  const rejected: [string, () => Promise<{ status: number; body: unknown }>][] = [
    ['no Authorization header', () => post(undefined)],
    ['a garbage token', () => post('not.a.jwt')],
    ['a token from another issuer', async () => post(await sign({ issuer: 'https://sts.evil.example/' }))],
    ['a token for another app', async () => post(await sign({ audience: '00000000-1111-4222-8333-444444444444' }))],
    ['an expired token', async () => post(await sign({ expiresInSeconds: -3600 }))],
    ['a token with a bad signature', async () => post(await sign({ tamper: 'signature' }))],
    ['a token signed with an unknown key', async () => post(await sign({ key: 'unknown' }))],
    ['a token from a key not endorsed for Teams', async () => post(await sign({ key: 'unendorsed' }))],
    ['a token whose serviceUrl claim does not match the activity', async () => post(await sign({ serviceUrl: 'https://smba.evil.example/' }))],
    ['a token that is not valid yet', async () => post(await sign({ notBefore: Math.floor(Date.now() / 1000) + 3600 }))],
  ];

  it.each(rejected)('answers 401 to %s, and the bot does nothing', async (_name, attempt) => {
    connector.clear();
    const before = service.logs.lines.length;
    const res = await attempt();
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'Unauthorized', message: 'The request is not authenticated.' } });
    expect(connector.requests).toHaveLength(0);
    const newLines = service.logs.lines.slice(before).join('\n');
    expect(newLines).toContain('rejected unauthenticated activity');
    expect(newLines).not.toContain('request refused');
  });

  it('refuses a request without a bearer token before reading its body', async () => {
    // 200 KB declared, one byte sent: only an answer that does not wait for the body arrives.
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${service.url}/api/messages`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': String(200 * 1024) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('{');
    });
    expect(status).toBe(401);
  });

  it('still serves after every rejection', async () => {
    const res = await fetch(`${service.url}/healthz`);
    expect(res.status).toBe(200);
    expect((await post(await sign())).status).toBe(200);
  });

  it('never logs a bearer token or a JWT', () => {
    expect(service.logs.lines.length).toBeGreaterThan(10);
    expect(service.logs.text).not.toMatch(/Bearer /);
    expect(service.logs.text).not.toMatch(JWT_SHAPE);
    // Nor does what botbuilder itself prints (which the service routes through the same scrubbing logger).
    expect(consoleLines.length).toBeGreaterThan(0);
    expect(consoleLines.join('\n')).not.toMatch(JWT_SHAPE);
  });

  it('is the tenant allow-list, not only the token, that decides who may use Quorum', async () => {
    const other = await startTestService({ ALLOWED_TENANT_IDS: '11111111-2222-4333-8444-555555555555' });
    try {
      const res = await other.post(loadActivity('personal-message', { serviceUrl: connector.url, text: 'help', tenantId: TENANT_ID }));
      expect(res.status).toBe(200);
      expect(other.logs.text).toContain('activity from a tenant that is not allowed');
    } finally {
      await other.stop();
    }
  });
});
