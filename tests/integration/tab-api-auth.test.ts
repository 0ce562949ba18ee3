import { startEntraSso, TEAMS_DESKTOP_CLIENT_ID, type EntraSso, type SsoClaims } from '../fakes/entra-sso';
import { TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { JWT_SHAPE } from '../support/log-capture';

const CLIENT_ID = '6a1f3c5e-8b2d-4f7a-9c1e-3d5f7a9b1c2e';
const OTHER_TENANT = '11111111-2222-4333-8444-555555555555';

/** The tab API's security, against the real service with Teams SSO validated by jose. */
describe('tab API with Teams SSO', () => {
  let sso: EntraSso;
  let h: BotHarness;
  const api = (path: string, token: string | undefined, init: RequestInit & { team?: string } = {}) =>
    fetch(`${h.service.url}/api/tab/${path}`, {
      ...init,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        'x-quorum-team': init.team ?? TEAM.id,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
    });
  const token = (who: keyof typeof USERS, claims: Partial<SsoClaims> = {}, opts = {}) =>
    sso.sign({ tid: TENANT_ID, oid: USERS[who].aadObjectId, aud: CLIENT_ID, name: USERS[who].name, ...claims }, opts);

  beforeAll(async () => {
    sso = await startEntraSso();
    h = await startBotHarness({ TAB_SSO_CLIENT_ID: CLIENT_ID, TAB_SSO_AUTHORITY: sso.authority, TAB_SSO_JWKS_URL: sso.jwksUrl, ALLOWED_TENANT_IDS: TENANT_ID });
    await h.send('bot-added-to-team');
  });
  afterAll(async () => {
    await h.stop();
    await sso.stop();
  });

  it('says the API uses SSO', async () => {
    expect(await (await fetch(`${h.service.url}/api/tab`)).json()).toMatchObject({ auth: 'sso' });
  });

  it('answers a valid token with the caller from the token and their role', async () => {
    const res = await api('me', await token('amina'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ aadObjectId: USERS.amina.aadObjectId, role: 'co-chair', group: { teamId: TEAM.id, name: TEAM.name } });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  const bad: [string, () => Promise<string | undefined>][] = [
    ['no token', async () => undefined],
    ['a garbage token', async () => 'not-a-token'],
    ['an expired token', () => token('amina', {}, { expiresInSeconds: -3600 })],
    ['a token for another audience', () => token('amina', { aud: '00000000-1111-4222-8333-444444444444' })],
    ['a token from another issuer', () => token('amina', { iss: 'https://login.microsoftonline.com/common/v2.0' })],
    ['a token whose issuer is another tenant than its tid', () => token('amina', { iss: `${sso.authority}/${OTHER_TENANT}/v2.0` })],
    ['a token from a tenant that is not allowed', () => token('amina', { tid: OTHER_TENANT })],
    ['a token without the access_as_user scope', () => token('amina', { scp: 'User.Read' })],
    ['a token whose scope merely contains the word', () => token('amina', { scp: 'access_as_user_admin not-access_as_user' })],
    ['a token signed with a key Entra did not publish', () => token('amina', {}, { key: 'unknown' })],
    // access_as_user is user-consentable: any app a user consents to can obtain this token.
    ['a token another app asked for (azp not a Teams client)', () => token('amina', { azp: '9b3c0f2e-7a41-4c5d-8e6f-1a2b3c4d5e6f' })],
    ['a token that does not say which app asked for it (no azp)', () => token('amina', { azp: null })],
    // The registration asks for v2.0 tokens; a v1.0 one (sts.windows.net issuer, appid) is not ours.
    ['a v1.0 token, even from the Teams client', () => token('amina', { ver: '1.0', azp: null, appid: TEAMS_DESKTOP_CLIENT_ID, iss: `https://sts.windows.net/${TENANT_ID}/` })],
    ['a token that says v1.0 under a v2.0 issuer', () => token('amina', { ver: '1.0' })],
  ];

  it('accepts a token the Teams desktop client asked for (azp)', async () => {
    const res = await api('me', await token('amina', { azp: TEAMS_DESKTOP_CLIENT_ID }));
    expect(res.status).toBe(200);
  });

  it.each(bad)('refuses %s with 401', async (_what, make) => {
    const res = await api('me', await make());
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: 'The request is not authenticated.' } });
  });

  it('ignores the development identity header when SSO is on', async () => {
    const res = await fetch(`${h.service.url}/api/tab/me`, { headers: { 'x-quorum-dev-user': `${TENANT_ID}:${USERS.amina.aadObjectId}`, 'x-quorum-team': TEAM.id } });
    expect(res.status).toBe(401);
  });

  it('refuses a member calling a co-chair action (403) and changes nothing', async () => {
    const res = await api(`cochairs/${USERS.sofia.aadObjectId}`, await token('sofia'), { method: 'PUT', body: JSON.stringify({ coChair: true }) });
    expect(res.status).toBe(403);
    const list = (await (await api('cochairs', await token('sofia'))).json()) as { coChairs: { aadObjectId: string }[] };
    expect(list.coChairs.map((c) => c.aadObjectId)).not.toContain(USERS.sofia.aadObjectId);
  });

  it('takes identity from the token only: a user id in the body is refused, not believed', async () => {
    const body = JSON.stringify({ coChair: true, aadObjectId: USERS.amina.aadObjectId, tenantId: TENANT_ID });
    const res = await api(`cochairs/${USERS.sofia.aadObjectId}`, await token('sofia'), { method: 'PUT', body });
    expect([400, 403]).toContain(res.status);
    const list = (await (await api('cochairs', await token('amina'))).json()) as { coChairs: { aadObjectId: string }[] };
    expect(list.coChairs.map((c) => c.aadObjectId)).not.toContain(USERS.sofia.aadObjectId);
  });

  it('lets a co-chair act, and validates the body strictly', async () => {
    const ok = await api(`cochairs/${USERS.lars.aadObjectId}`, await token('amina'), { method: 'PUT', body: JSON.stringify({ coChair: true }) });
    expect(ok.status).toBe(200);
    const bad = await api(`cochairs/${USERS.lars.aadObjectId}`, await token('amina'), { method: 'PUT', body: JSON.stringify({ coChair: 'yes' }) });
    expect(bad.status).toBe(400);
    const form = await fetch(`${h.service.url}/api/tab/cochairs/${USERS.lars.aadObjectId}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${await token('amina')}`, 'x-quorum-team': TEAM.id, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'coChair=true',
    });
    expect(form.status).toBe(415);
  });

  it("refuses another team's data", async () => {
    const res = await api('me', await token('amina'), { team: '19:someone-elses-team@thread.tacv2' });
    expect([403, 404]).toContain(res.status);
  });

  it('refuses a query parameter given twice (arrays would slip past OData escaping)', async () => {
    const res = await api('cochairs?x=1&x=2', await token('amina'));
    expect(res.status).toBe(400);
  });

  it('never logs a token', () => {
    expect(h.service.logs.text).not.toMatch(JWT_SHAPE);
    expect(h.service.logs.text).not.toMatch(/Bearer /);
  });
});

describe('tab API authentication modes', () => {
  it('accepts the development identity only on an unauthenticated local run', async () => {
    const h = await startBotHarness();
    try {
      await h.send('bot-added-to-team');
      expect(await (await fetch(`${h.service.url}/api/tab`)).json()).toMatchObject({ auth: 'development' });
      const res = await fetch(`${h.service.url}/api/tab/me`, { headers: { 'x-quorum-dev-user': `${TENANT_ID}:${USERS.sofia.aadObjectId}` } });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ role: 'member' });
      expect((await fetch(`${h.service.url}/api/tab/me`)).status).toBe(401);
    } finally {
      await h.stop();
    }
  });

  it('refuses every call when the bot is authenticated but tab SSO is not configured', async () => {
    const h = await startBotHarness({ BOT_ID: '3c9d6a2e-1b4f-4e8a-9c7d-2e5f6a7b8c9d', BOT_PASSWORD: 'x', BOT_TYPE: 'MultiTenant' });
    try {
      const res = await fetch(`${h.service.url}/api/tab/me`, { headers: { 'x-quorum-dev-user': `${TENANT_ID}:${USERS.amina.aadObjectId}` } });
      expect(res.status).toBe(401);
    } finally {
      await h.stop();
    }
  });
});
