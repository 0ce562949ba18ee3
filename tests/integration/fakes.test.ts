/**
 * Tests of the test fakes themselves, over real HTTP: if these drift from what Teams and
 * botbuilder do, every integration test built on them proves nothing.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, TeamsActivityHandler, type Activity, type TeamsChannelAccount as BotbuilderTeamsChannelAccount, type TurnContext } from 'botbuilder';
import { ConnectorClient, MicrosoftAppCredentials, PasswordServiceClientCredentialFactory, TeamsConnectorClient, TokenCredentials, type ServiceClientCredentials } from 'botframework-connector';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWK } from 'jose';
import { startBotConnector, type BotConnector, type TeamsChannelAccount } from '../fakes/bot-connector';
import { startBotFrameworkIdentity, type BotFrameworkIdentity } from '../fakes/bot-framework-identity';

const CHANNEL = '19:abc@thread.tacv2';
const ENCODED_CHANNEL = encodeURIComponent(CHANNEL); // 19%3Aabc%40thread.tacv2
const APP_ID = '00000000-0000-4000-8000-00000000b07a';

interface HttpResult {
  status: number;
  headers: Headers;
  body: unknown;
}

async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  const res = await fetch(new URL(path, base), {
    method,
    headers: body === undefined ? headers : { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

function prop(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function errorCode(body: unknown): unknown {
  return prop(prop(body, 'error'), 'code');
}

const message = (text: string) => ({ type: 'message', text });

function members(count: number): TeamsChannelAccount[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `29:user-${i}`,
    name: `User ${i}`,
    aadObjectId: `00000000-0000-4000-8000-00000000000${i}`,
    email: `user${i}@contoso.example`,
    userPrincipalName: `user${i}@contoso.example`,
    tenantId: '00000000-0000-4000-8000-0000000000aa',
    userRole: 'user',
  }));
}

/** Runs one inbound request through CloudAdapter.process, as restify would. */
async function processRequest(
  adapter: CloudAdapter,
  body: Record<string, unknown>,
  authorization: string | undefined,
  logic: (ctx: TurnContext) => Promise<void> = async () => undefined,
): Promise<{ status: number; body: unknown }> {
  const answer: { status: number; body: unknown } = { status: 0, body: undefined };
  const res = {
    socket: undefined,
    status: (code: number) => {
      answer.status = code;
    },
    send: (sent: unknown) => {
      answer.body = sent;
    },
    end: () => undefined,
    header: () => undefined,
  };
  await adapter.process({ method: 'POST', headers: authorization ? { authorization } : {}, body }, res, logic);
  return answer;
}

async function post(...args: Parameters<typeof processRequest>): Promise<number> {
  return (await processRequest(...args)).status;
}

describe('bot connector fake: routes and recording', () => {
  let connector: BotConnector;
  beforeEach(async () => {
    connector = await startBotConnector();
  });
  afterEach(() => connector.stop());

  test('url is a loopback serviceUrl with a trailing slash', () => {
    expect(connector.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  test('send, reply, update and delete answer like the connector and are recorded decoded', async () => {
    const sent = await call(connector.url, 'POST', `v3/conversations/${ENCODED_CHANNEL}/activities`, message('hello'), {
      Authorization: 'Bearer abc',
    });
    expect(sent.status).toBe(201);
    const sentId = prop(sent.body, 'id');
    expect(sentId).toMatch(/^\d+$/);

    const reply = await call(connector.url, 'POST', `v3/conversations/${ENCODED_CHANNEL}/activities/${String(sentId)}`, message('re'));
    expect(reply.status).toBe(201);
    expect(Number(prop(reply.body, 'id'))).toBeGreaterThan(Number(sentId));

    const updated = await call(connector.url, 'PUT', `v3/conversations/${ENCODED_CHANNEL}/activities/${String(sentId)}`, message('edited'));
    expect(updated).toMatchObject({ status: 200, body: { id: sentId } });

    const deleted = await call(connector.url, 'DELETE', `v3/conversations/${ENCODED_CHANNEL}/activities/${String(sentId)}`);
    expect(deleted).toMatchObject({ status: 200, body: undefined });

    expect(connector.requests.map((r) => [r.route, r.method, r.conversationId, r.activityId])).toEqual([
      ['sendToConversation', 'POST', CHANNEL, undefined],
      ['replyToActivity', 'POST', CHANNEL, sentId],
      ['updateActivity', 'PUT', CHANNEL, sentId],
      ['deleteActivity', 'DELETE', CHANNEL, sentId],
    ]);
    const [first] = connector.requests;
    expect(first).toMatchObject({
      path: `/v3/conversations/${CHANNEL}/activities`,
      rawPath: `/v3/conversations/${ENCODED_CHANNEL}/activities`,
      body: message('hello'),
      headers: { authorization: 'Bearer abc', contentType: 'application/json; charset=utf-8' },
      status: 201,
      outcome: 'served',
    });
    expect(typeof first?.at).toBe('number');
    expect(connector.activities()).toEqual([message('hello'), message('re'), message('edited')]);
    expect(connector.stats.requests).toBe(4);
  });

  test('an activity without a type is refused with 400, and is not an activity', async () => {
    const res = await call(connector.url, 'POST', `v3/conversations/${ENCODED_CHANNEL}/activities`, { text: 'no type' });
    expect(res.status).toBe(400);
    expect(errorCode(res.body)).toBe('BadArgument');
    expect(connector.activities()).toEqual([]);
  });

  test('createConversation: stable personal conversation, and channel threads named after their first message', async () => {
    const params = { isGroup: false, bot: { id: '28:bot' }, members: [{ id: '29:user-1' }], tenantId: 't1' };
    const a = await call(connector.url, 'POST', 'v3/conversations', params);
    const b = await call(connector.url, 'POST', 'v3/conversations', { ...params, activity: message('hi') });
    expect(a.status).toBe(201);
    expect(prop(a.body, 'id')).toMatch(/^a:/);
    expect(prop(b.body, 'id')).toBe(prop(a.body, 'id'));
    expect(prop(a.body, 'activityId')).toBeUndefined();
    expect(prop(b.body, 'activityId')).toMatch(/^\d+$/);

    const other = await call(connector.url, 'POST', 'v3/conversations', { ...params, members: [{ id: '29:user-2' }] });
    expect(prop(other.body, 'id')).not.toBe(prop(a.body, 'id'));

    const thread = await call(connector.url, 'POST', 'v3/conversations', {
      isGroup: true,
      channelData: { channel: { id: CHANNEL } },
      activity: message('new thread'),
    });
    expect(thread.status).toBe(201);
    expect(prop(thread.body, 'id')).toBe(`${CHANNEL};messageid=${String(prop(thread.body, 'activityId'))}`);
  });

  test('member lookups: known member, unknown member, unknown conversation, thread of a channel', async () => {
    const roster = members(3);
    connector.setMembers(CHANNEL, roster.slice(0, 2));
    connector.addMember(CHANNEL, roster[2]!);

    const one = await call(connector.url, 'GET', `v3/conversations/${ENCODED_CHANNEL}/members/${encodeURIComponent('29:user-2')}`);
    expect(one).toMatchObject({ status: 200, body: roster[2] });
    expect(connector.requests.at(-1)).toMatchObject({ route: 'getConversationMember', memberId: '29:user-2' });

    const missing = await call(connector.url, 'GET', `v3/conversations/${ENCODED_CHANNEL}/members/29%3Anobody`);
    expect(missing.status).toBe(404);
    expect(errorCode(missing.body)).toBe('MemberNotFoundInConversation');

    const noConversation = await call(connector.url, 'GET', 'v3/conversations/a%3Aunknown/members/29%3Auser-1');
    expect(noConversation.status).toBe(404);
    expect(errorCode(noConversation.body)).toBe('ConversationNotFound');

    const all = await call(connector.url, 'GET', `v3/conversations/${encodeURIComponent(`${CHANNEL};messageid=123`)}/members`);
    expect(all).toMatchObject({ status: 200, body: roster });

    connector.addMember(CHANNEL, { ...roster[0]!, name: 'Renamed' });
    const again = await call(connector.url, 'GET', `v3/conversations/${ENCODED_CHANNEL}/members`);
    expect(again.body).toHaveLength(3);
    expect(prop((again.body as unknown[])[2], 'name')).toBe('Renamed');
  });

  test('pagedmembers pages through the roster honouring pageSize', async () => {
    connector.setMembers(CHANNEL, members(5));
    const seen: unknown[] = [];
    const pageLengths: number[] = [];
    const tokens: string[] = [];
    let token: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const query = new URLSearchParams({ pageSize: '2', ...(token ? { continuationToken: token } : {}) });
      const res = await call(connector.url, 'GET', `v3/conversations/${ENCODED_CHANNEL}/pagedmembers?${query.toString()}`);
      expect(res.status).toBe(200);
      const pageMembers = prop(res.body, 'members') as unknown[];
      pageLengths.push(pageMembers.length);
      seen.push(...pageMembers);
      const next = prop(res.body, 'continuationToken');
      if (next === undefined) break;
      token = String(next);
      tokens.push(token);
    }
    expect(pageLengths).toEqual([2, 2, 1]);
    expect(seen).toEqual(members(5));
    expect(tokens).toHaveLength(2);
    expect(connector.requests.map((r) => r.query)).toEqual([{ pageSize: '2' }, { pageSize: '2', continuationToken: tokens[0] }, { pageSize: '2', continuationToken: tokens[1] }]);

    const bad = await call(connector.url, 'GET', `v3/conversations/${ENCODED_CHANNEL}/pagedmembers?continuationToken=forged`);
    expect(bad.status).toBe(400);
    const whole = await call(connector.url, 'GET', `v3/conversations/${ENCODED_CHANNEL}/pagedmembers`);
    expect(prop(whole.body, 'members')).toHaveLength(5);
    expect(prop(whole.body, 'continuationToken')).toBeUndefined();
  });

  test('team details and channel list', async () => {
    connector.setTeam({ id: CHANNEL, name: 'Working group', aadGroupId: 'group-1' });
    const details = await call(connector.url, 'GET', `v3/teams/${ENCODED_CHANNEL}`);
    expect(details).toMatchObject({ status: 200, body: { id: CHANNEL, name: 'Working group', aadGroupId: 'group-1' } });
    const channels = await call(connector.url, 'GET', `v3/teams/${ENCODED_CHANNEL}/conversations`);
    expect(channels).toMatchObject({ status: 200, body: { conversations: [{ id: CHANNEL }] } });
    expect(connector.requests.map((r) => [r.route, r.teamId])).toEqual([
      ['fetchTeamDetails', CHANNEL],
      ['fetchChannelList', CHANNEL],
    ]);

    connector.setTeam({ id: 'team-2', name: 'Two', channels: [{ id: 'team-2' }, { id: '19:x@thread.tacv2', name: 'Votes' }] });
    const two = await call(connector.url, 'GET', 'v3/teams/team-2/conversations');
    expect(prop(two.body, 'conversations')).toEqual([{ id: 'team-2' }, { id: '19:x@thread.tacv2', name: 'Votes' }]);
    expect((await call(connector.url, 'GET', 'v3/teams/nope')).status).toBe(404);
  });

  test('unknown routes get a 404 with a JSON error body', async () => {
    for (const [method, path] of [
      ['GET', 'v3/nothing'],
      ['GET', `v3/conversations/${ENCODED_CHANNEL}/activities`],
      ['PATCH', `v3/conversations/${ENCODED_CHANNEL}/activities/1`],
      ['POST', 'v4/conversations'],
    ] as const) {
      const res = await call(connector.url, method, path, method === 'GET' ? undefined : message('x'));
      expect([method, path, res.status, errorCode(res.body)]).toEqual([method, path, 404, 'NotFound']);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    }
    expect(connector.requests.every((r) => r.route === 'unknown')).toBe(true);
  });

  test('waitFor resolves with a later request, and clear() forgets', async () => {
    const waiting = connector.waitFor((r) => r.route === 'replyToActivity' && r.activityId === '42');
    await call(connector.url, 'POST', `v3/conversations/${ENCODED_CHANNEL}/activities`, message('not this one'));
    await call(connector.url, 'POST', `v3/conversations/${ENCODED_CHANNEL}/activities/42`, message('this one'));
    await expect(waiting).resolves.toMatchObject({ body: message('this one'), conversationId: CHANNEL });
    // Already recorded: resolves at once.
    await expect(connector.waitFor((r) => r.activityId === '42', { timeoutMs: 1 })).resolves.toMatchObject({ activityId: '42' });

    connector.clear();
    expect(connector.requests).toEqual([]);
    expect(connector.activities()).toEqual([]);
    expect(connector.stats.requests).toBe(0);
  });

  test('waitFor rejects on timeout listing what was recorded', async () => {
    await call(connector.url, 'POST', `v3/conversations/${ENCODED_CHANNEL}/activities`, message('x'));
    await expect(connector.waitFor((r) => r.route === 'deleteActivity', { timeoutMs: 50 })).rejects.toThrow(
      `no matching request within 50 ms. Recorded:\n  POST /v3/conversations/${CHANNEL}/activities -> 201`,
    );
  });

  test('stop() is idempotent and closes keep-alive sockets', async () => {
    await call(connector.url, 'GET', 'v3/teams/x');
    await Promise.all([connector.stop(), connector.stop()]);
    await connector.stop();
    await expect(fetch(`${connector.url}v3/teams/x`)).rejects.toThrow();
  });
});

describe('bot connector fake: fault injection', () => {
  let connector: BotConnector;
  const send = (text = 'x', conversation = ENCODED_CHANNEL) => call(connector.url, 'POST', `v3/conversations/${conversation}/activities`, message(text));
  beforeEach(async () => {
    connector = await startBotConnector();
  });
  afterEach(() => connector.stop());

  test('failNext 429 sends Retry-After and a Teams-like error, then serves normally', async () => {
    connector.failNext({ status: 429, retryAfterSeconds: 3, times: 2 });
    const first = await send('a');
    const second = await send('b');
    const third = await send('c');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect(errorCode(first.body)).toBe('Throttled');
    expect(second.status).toBe(429);
    expect(third.status).toBe(201);
    expect(connector.requests.map((r) => r.outcome)).toEqual(['failed', 'failed', 'served']);
    expect(connector.activities()).toEqual([message('c')]);
    expect(connector.stats).toMatchObject({ throttled: 2, failed: 2 });
  });

  test.each([
    [403, 'BotNotInConversationRoster'],
    [404, 'ConversationNotFound'],
    [412, 'PreconditionFailed'],
    [500, 'InternalServerError'],
    [502, 'BadGateway'],
    [503, 'ServiceUnavailable'],
    [504, 'GatewayTimeout'],
  ] as const)('failNext %i answers with code %s and no Retry-After unless asked', async (status, code) => {
    connector.failNext({ status });
    const res = await send();
    expect(res.status).toBe(status);
    expect(errorCode(res.body)).toBe(code);
    expect(res.headers.get('retry-after')).toBeNull();
    expect((await send()).status).toBe(201);
  });

  test('failNext with match only touches matching requests; code and message can be overridden', async () => {
    connector.failNext({
      status: 403,
      code: 'ConversationBlockedByUser',
      message: 'User blocked the conversation with the bot.',
      match: (r) => r.route === 'replyToActivity',
    });
    expect((await send()).status).toBe(201);
    const reply = await call(connector.url, 'POST', `v3/conversations/${ENCODED_CHANNEL}/activities/1`, message('r'));
    expect(reply).toMatchObject({
      status: 403,
      body: { error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } },
    });
    expect((await call(connector.url, 'POST', `v3/conversations/${ENCODED_CHANNEL}/activities/1`, message('r'))).status).toBe(201);
  });

  test('rules queue in order and clearFaults() discards what is left', async () => {
    connector.failNext({ status: 500 });
    connector.failNext({ status: 502, times: 3 });
    expect((await send()).status).toBe(500);
    expect((await send()).status).toBe(502);
    connector.clearFaults();
    expect((await send()).status).toBe(201);
    expect(() => connector.failNext({ status: 500, times: 0 })).toThrow('times');
  });

  test('delayNext holds the answer, for the given number of requests', async () => {
    connector.delayNext({ ms: 150, times: 1, match: (r) => r.route === 'sendToConversation' });
    let started = Date.now();
    expect((await send()).status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    started = Date.now();
    await send();
    expect(Date.now() - started).toBeLessThan(140);
    expect(connector.stats.delayed).toBe(1);
  });

  test('a request is visible to waitFor while it is being delayed', async () => {
    connector.delayNext({ ms: 300 });
    const answered = send('slow');
    const seen = await connector.waitFor((r) => r.route === 'sendToConversation');
    expect(seen.outcome).toBe('pending');
    expect(connector.activities()).toEqual([]);
    await answered;
    expect(seen.outcome).toBe('served');
    expect(connector.activities()).toEqual([message('slow')]);
  });

  test('dropNext destroys the socket unanswered; the activity is not posted', async () => {
    connector.dropNext();
    await expect(send('lost')).rejects.toThrow();
    expect(connector.requests[0]?.outcome).toBe('dropped');
    expect(connector.requests[0]?.status).toBeUndefined();
    expect(connector.activities()).toEqual([]);
    expect((await send('next')).status).toBe(201);
    expect(connector.stats.dropped).toBe(1);
  });

  test('dropNext afterProcessing posts the activity and loses the answer', async () => {
    connector.dropNext({ afterProcessing: true, times: 1 });
    await expect(send('posted')).rejects.toThrow();
    expect(connector.requests[0]).toMatchObject({ outcome: 'dropped-after-processing', status: 201 });
    expect(connector.activities()).toEqual([message('posted')]);
  });

  test('stop() during a delay does not hang', async () => {
    connector.delayNext({ ms: 10_000 });
    const pending = send().catch((err: unknown) => err);
    await connector.waitFor(() => true);
    const started = Date.now();
    await connector.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    // fetch's TypeError comes from another realm than jest's, so no toBeInstanceOf(Error).
    expect(await pending).toHaveProperty('message', 'fetch failed');
  });

  test('the authorize option refuses with the connector 401', async () => {
    await connector.stop();
    connector = await startBotConnector({ authorize: (header) => header === 'Bearer good' });
    const refused = await send();
    expect(refused).toMatchObject({ status: 401, body: { message: 'Authorization has been denied for this request.' } });
    const accepted = await call(connector.url, 'POST', `v3/conversations/${ENCODED_CHANNEL}/activities`, message('x'), {
      Authorization: 'Bearer good',
    });
    expect(accepted.status).toBe(201);
    expect(connector.requests.map((r) => r.outcome)).toEqual(['unauthorized', 'served']);
  });
});

describe('bot connector fake: fault mix', () => {
  let connector: BotConnector;
  const send = (text = 'x') => call(connector.url, 'POST', `v3/conversations/${ENCODED_CHANNEL}/activities`, message(text)).catch(() => 'dropped');
  beforeEach(async () => {
    connector = await startBotConnector();
  });
  afterEach(() => connector.stop());

  test('applies to the share asked, the same way for the same seed, and only to what it matches', async () => {
    const run = async (seed: number) => {
      connector.clear();
      connector.faultMix({ share: 0.5, seed, kinds: ['500', '429-retry-after'], retryAfterSeconds: 4 });
      for (let i = 0; i < 40; i++) await send(`m${i}`);
      return connector.requests.map((r) => r.mixedFault ?? '-');
    };
    const first = await run(7);
    expect(await run(7)).toEqual(first);
    const faulted = first.filter((f) => f !== '-').length;
    expect(faulted).toBeGreaterThan(10);
    expect(faulted).toBeLessThan(30);
    const throttled = connector.requests.find((r) => r.mixedFault === '429-retry-after')!;
    expect([throttled.status, throttled.retryAfterMs]).toEqual([429, 4_000]);
    connector.clear();
    connector.faultMix({ share: 1, kinds: ['500'], match: (r) => r.route === 'replyToActivity' });
    expect((await send()) as { status: number }).toMatchObject({ status: 201 });
  });

  test('accept-then-drop posts the activity and loses the answer; drop loses the request', async () => {
    connector.faultMix({ share: 1, kinds: ['accept-then-drop'] });
    expect(await send('kept')).toBe('dropped');
    connector.faultMix({ share: 1, kinds: ['drop'] });
    expect(await send('lost')).toBe('dropped');
    expect(connector.activities()).toEqual([message('kept')]);
    expect(connector.requests.map((r) => [r.outcome, typeof r.responseId])).toEqual([
      ['dropped-after-processing', 'string'],
      ['dropped', 'undefined'],
    ]);
    connector.clearFaults();
    expect((await send()) as { status: number }).toMatchObject({ status: 201 });
  });
});

describe('bot connector fake: Teams rate limits', () => {
  let connector: BotConnector;
  let clock = 1_000_000;
  const send = (conversation = 'a:one') => call(connector.url, 'POST', `v3/conversations/${encodeURIComponent(conversation)}/activities`, message('x'));
  const statuses = async (count: number, conversation?: string) => {
    const out: number[] = [];
    for (let i = 0; i < count; i += 1) out.push((await send(conversation)).status);
    return out;
  };
  beforeEach(async () => {
    clock = 1_000_000;
    connector = await startBotConnector({ now: () => clock });
  });
  afterEach(() => connector.stop());

  test('7 per second per conversation, sliding', async () => {
    connector.enforceTeamsRateLimits();
    expect(await statuses(8)).toEqual([201, 201, 201, 201, 201, 201, 201, 429]);
    const refused = connector.requests.at(-1);
    expect(refused).toMatchObject({ outcome: 'throttled', status: 429 });
    expect((await send('a:two')).status).toBe(201); // another conversation is unaffected

    clock += 999;
    expect((await send()).status).toBe(429);
    clock += 1; // the first second's sends have left the window
    expect(await statuses(8)).toEqual([201, 201, 201, 201, 201, 201, 201, 429]);
    expect(connector.stats.throttled).toBe(3);

    const last = await send();
    expect(last.headers.get('retry-after')).toBe('1');
    expect(errorCode(last.body)).toBe('Throttled');
  });

  test('60 per 30 seconds per conversation, sliding', async () => {
    connector.enforceTeamsRateLimits();
    const accepted: number[] = [];
    for (let second = 0; second < 10; second += 1) {
      const burst = await statuses(7);
      accepted.push(burst.filter((s) => s === 201).length);
      clock += 1_000;
    }
    // 7 a second until the 30-second window holds 60.
    expect(accepted).toEqual([7, 7, 7, 7, 7, 7, 7, 7, 4, 0]);
    clock = 1_000_000 + 29_999; // the first second's sends are still in the window
    expect((await send()).status).toBe(429);
    clock = 1_000_000 + 30_000; // and now they have left it
    expect(await statuses(8)).toEqual([201, 201, 201, 201, 201, 201, 201, 429]);
  });

  test('50 per second across conversations', async () => {
    connector.enforceTeamsRateLimits({ perConversationPerSecond: 100, perConversationPer30s: 1_000 });
    const results: number[] = [];
    for (let i = 0; i < 51; i += 1) results.push((await send(`a:conv-${i % 10}`)).status);
    expect(results.slice(0, 50).every((s) => s === 201)).toBe(true);
    expect(results[50]).toBe(429);
    expect((await send('a:fresh')).status).toBe(429);
    clock += 1_000;
    expect((await send('a:fresh')).status).toBe(201);
  });

  test('only sends are limited, throttled sends do not count, and limits can be lifted', async () => {
    connector.enforceTeamsRateLimits({ perConversationPerSecond: 2 });
    connector.setMembers('a:one', members(1));
    expect(await statuses(2)).toEqual([201, 201]);
    expect((await call(connector.url, 'GET', 'v3/conversations/a%3Aone/members')).status).toBe(200);
    expect((await call(connector.url, 'DELETE', 'v3/conversations/a%3Aone/activities/1')).status).toBe(200);
    clock += 500;
    expect(await statuses(2)).toEqual([429, 429]);
    clock += 500; // the first two have left the window; the refused two were never counted
    expect(await statuses(3)).toEqual([201, 201, 429]);
    connector.disableRateLimits();
    expect(await statuses(3)).toEqual([201, 201, 201]);
  });
});

describe('bot framework identity fake', () => {
  let identity: BotFrameworkIdentity;
  beforeAll(async () => {
    identity = await startBotFrameworkIdentity();
  });
  afterAll(() => identity.stop());

  const jwks = () => createRemoteJWKSet(new URL(identity.jwksUri));
  const serviceUrl = 'https://smba.trafficmanager.net/emea/';

  test('serves Bot Framework channel metadata and a JWKS with endorsements', async () => {
    const meta = await call(identity.url, 'GET', '/v1/.well-known/openidconfiguration');
    expect(meta).toMatchObject({
      status: 200,
      body: { issuer: 'https://api.botframework.com', jwks_uri: identity.jwksUri, id_token_signing_alg_values_supported: ['RS256'] },
    });
    expect(identity.urls.ToBotFromChannelOpenIdMetadataUrl).toBe(`${identity.url}/v1/.well-known/openidconfiguration`);

    const keys = prop((await call(identity.url, 'GET', '/v1/.well-known/keys')).body, 'keys') as JWK[];
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(Object.keys(key).sort()).toEqual(['e', 'endorsements', 'kid', 'kty', 'n', 'use', 'x5t']);
      expect(key).toMatchObject({ kty: 'RSA', use: 'sig', e: 'AQAB' });
      expect(key.kid).toBe(key.x5t);
    }
    expect(keys.map((k) => [k.kid, prop(k, 'endorsements')])).toEqual([
      [identity.keyIds.endorsed, ['msteams']],
      [identity.keyIds.unendorsed, ['webchat']],
    ]);
    expect(keys.map((k) => k.kid)).not.toContain(identity.keyIds.unknown);
  });

  test('serves Entra-style v2 metadata pointing at the same JWKS', async () => {
    const meta = await call(identity.url, 'GET', new URL(identity.urls.ToBotFromEmulatorOpenIdMetadataUrl).pathname);
    expect(meta.status).toBe(200);
    expect(prop(meta.body, 'jwks_uri')).toBe(identity.jwksUri);
    expect(prop(meta.body, 'issuer')).toBe('https://login.microsoftonline.com/{tenantid}/v2.0');
    expect((await call(identity.url, 'GET', '/nothing')).status).toBe(404);
  });

  test('the urls cover every ConfigurationBotFrameworkAuthentication endpoint setting', () => {
    expect(identity.urls).toEqual({
      ToBotFromChannelOpenIdMetadataUrl: expect.stringContaining(identity.url),
      ToBotFromEmulatorOpenIdMetadataUrl: expect.stringContaining(identity.url),
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      ToChannelFromBotLoginUrl: expect.stringContaining(identity.url),
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: identity.url,
      CallerId: 'urn:botframework:azure',
    });
  });

  test('a channel token verifies against the served JWKS with the claims botbuilder reads', async () => {
    const token = await identity.signChannelToken({ appId: APP_ID, serviceUrl });
    const before = Math.floor(Date.now() / 1000);
    const { payload, protectedHeader } = await jwtVerify(token, jwks(), {
      issuer: 'https://api.botframework.com',
      audience: APP_ID,
      algorithms: ['RS256'],
    });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: identity.keyIds.endorsed, x5t: identity.keyIds.endorsed });
    expect(payload.serviceurl).toBe(serviceUrl);
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(Math.abs(payload.nbf! - before)).toBeLessThanOrEqual(1);
    expect(payload.ver).toBeUndefined(); // a `ver` claim would make botbuilder treat it as a skill token

    const custom = await identity.signChannelToken({
      appId: APP_ID,
      serviceUrl,
      audience: 'someone-else',
      issuer: 'https://elsewhere.example',
      expiresInSeconds: 60,
      notBefore: before - 100,
    });
    const { payload: p2 } = await jwtVerify(custom, jwks());
    expect(p2).toMatchObject({ aud: 'someone-else', iss: 'https://elsewhere.example', nbf: before - 100 });
    expect(p2.exp! - p2.iat!).toBe(60);
  });

  test('the unendorsed key verifies too (endorsement is botbuilder’s check, not the signature’s)', async () => {
    const token = await identity.signChannelToken({ appId: APP_ID, serviceUrl, key: 'unendorsed' });
    expect(decodeProtectedHeader(token).kid).toBe(identity.keyIds.unendorsed);
    await expect(jwtVerify(token, jwks())).resolves.toBeDefined();
  });

  test('a tampered signature keeps a valid header and kid but does not verify', async () => {
    const good = await identity.signChannelToken({ appId: APP_ID, serviceUrl });
    const bad = await identity.signChannelToken({ appId: APP_ID, serviceUrl, tamper: 'signature' });
    expect(decodeProtectedHeader(bad)).toEqual(decodeProtectedHeader(good));
    expect(bad.split('.')[2]).toHaveLength(good.split('.')[2]!.length);
    await expect(jwtVerify(bad, jwks())).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });

  test('a token signed with the unknown key finds no key in the JWKS', async () => {
    const token = await identity.signChannelToken({ appId: APP_ID, serviceUrl, key: 'unknown' });
    expect(decodeProtectedHeader(token).kid).toBe(identity.keyIds.unknown);
    await expect(jwtVerify(token, jwks())).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
  });

  test('an expired token does not verify', async () => {
    const token = await identity.signChannelToken({ appId: APP_ID, serviceUrl, expiresInSeconds: -10 });
    await expect(jwtVerify(token, jwks())).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });
  });
});

describe('the fakes with botbuilder itself', () => {
  let connector: BotConnector;
  let identity: BotFrameworkIdentity;
  let consoleError: jest.SpyInstance;
  beforeAll(async () => {
    identity = await startBotFrameworkIdentity();
  });
  afterAll(() => identity.stop());
  beforeEach(async () => {
    connector = await startBotConnector();
    // botbuilder console.error()s every refused token and failed turn.
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    consoleError.mockRestore();
    await connector.stop();
  });

  describe('connector client (outbound wire format)', () => {
    const client = () => new ConnectorClient(MicrosoftAppCredentials.Empty, { baseUri: connector.url });

    test('conversations operations round-trip', async () => {
      const conversations = client().conversations;
      const sent = await conversations.sendToConversation(CHANNEL, { type: 'message', text: 'hello' });
      const replied = await conversations.replyToActivity(CHANNEL, sent.id, { type: 'message', text: 're' });
      await conversations.updateActivity(CHANNEL, sent.id, { type: 'message', text: 'edited' });
      await conversations.deleteActivity(CHANNEL, replied.id);
      const created = await conversations.createConversation({
        isGroup: false,
        bot: { id: '28:bot', name: 'Quorum' },
        members: [{ id: '29:user-0', name: 'User 0' }],
        tenantId: 't1',
        channelData: { tenant: { id: 't1' } },
        // The declared type wants a complete Activity; the wire needs only this.
        activity: { type: 'message', text: 'proactive' } as Activity,
      });
      expect(created.id).toMatch(/^a:/);
      expect(created.activityId).toMatch(/^\d+$/);
      expect(connector.requests.map((r) => [r.route, r.conversationId, r.activityId])).toEqual([
        ['sendToConversation', CHANNEL, undefined],
        ['replyToActivity', CHANNEL, sent.id],
        ['updateActivity', CHANNEL, sent.id],
        ['deleteActivity', CHANNEL, replied.id],
        ['createConversation', undefined, undefined],
      ]);
      expect(connector.requests[0]?.rawPath).toBe(`/v3/conversations/${ENCODED_CHANNEL}/activities`);
      expect(connector.activities()).toMatchObject([{ text: 'hello' }, { text: 're' }, { text: 'edited' }]);
    });

    test('members and teams deserialize with the Teams fields intact', async () => {
      connector.setMembers(CHANNEL, members(3));
      connector.setTeam({ id: CHANNEL, name: 'WG', aadGroupId: 'g1' });
      const conversations = client().conversations;
      expect(await conversations.getConversationMember(CHANNEL, '29:user-1')).toMatchObject(members(3)[1]!);

      // The declared options type requires a token; TeamsInfo passes undefined, typed code passes ''.
      const page1 = await conversations.getConversationPagedMembers(CHANNEL, { pageSize: 2, continuationToken: '' });
      expect(page1.members).toHaveLength(2);
      const page2 = await conversations.getConversationPagedMembers(CHANNEL, { pageSize: 2, continuationToken: page1.continuationToken ?? '' });
      expect(page2.members?.map((m) => m.id)).toEqual(['29:user-2']);
      expect(page2.continuationToken).toBeUndefined();
      expect(connector.requests.filter((r) => r.route === 'getConversationPagedMembers').map((r) => r.query)).toEqual([
        { pageSize: '2', continuationToken: '' },
        { pageSize: '2', continuationToken: page1.continuationToken },
      ]);

      // botbuilder 4.23 throws a core-rest-pipeline RestError: the Teams code is in `code`,
      // the parsed body in `details`; there is no `body` property any more.
      const err = await conversations.getConversationMember(CHANNEL, '29:nobody').catch((e: unknown) => e);
      expect(prop(err, 'statusCode')).toBe(404);
      expect(prop(err, 'code')).toBe('MemberNotFoundInConversation');
      expect(errorCode(prop(err, 'details'))).toBe('MemberNotFoundInConversation');
      expect(prop(err, 'body')).toBeUndefined();

      const teams = new TeamsConnectorClient(MicrosoftAppCredentials.Empty, { baseUri: connector.url }).teams;
      expect(await teams.fetchTeamDetails(CHANNEL)).toMatchObject({ id: CHANNEL, name: 'WG', aadGroupId: 'g1' });
      expect((await teams.fetchChannelList(CHANNEL)).conversations).toEqual([{ id: CHANNEL }]);
    });

    test('its HTTP pipeline retries 5xx and a 429 with Retry-After on its own, but not a bare 429', async () => {
      const conversations = client().conversations;
      connector.failNext({ status: 503 });
      await conversations.sendToConversation(CHANNEL, { type: 'message', text: 'after 503' });
      expect(connector.requests.map((r) => r.status)).toEqual([503, 201]);

      connector.clear();
      connector.failNext({ status: 429, retryAfterSeconds: 0 });
      await conversations.sendToConversation(CHANNEL, { type: 'message', text: 'after 429' });
      expect(connector.requests.map((r) => r.status)).toEqual([429, 201]);

      connector.clear();
      connector.failNext({ status: 429 });
      const err = await conversations.sendToConversation(CHANNEL, { type: 'message', text: 'x' }).catch((e: unknown) => e);
      expect(prop(err, 'statusCode')).toBe(429);
      expect(connector.requests.map((r) => r.status)).toEqual([429]);
    });
  });

  describe('Teams membersAdded lookups (authentication off)', () => {
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    const membersAdded = (conversationId: string, memberId: string) => ({
      type: 'conversationUpdate',
      id: 'update-1',
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: '29:user-0' },
      recipient: { id: '28:bot' },
      conversation: { id: conversationId, conversationType: 'personal', tenantId: 't1' },
      membersAdded: [{ id: memberId }],
      channelData: { tenant: { id: 't1' } },
    });
    const botSeeing = (added: BotbuilderTeamsChannelAccount[]) => {
      class Bot extends TeamsActivityHandler {
        constructor() {
          super();
          this.onTeamsMembersAddedEvent(async (members, _teamInfo, _ctx, next) => {
            added.push(...members);
            await next();
          });
        }
      }
      const bot = new Bot();
      return (ctx: TurnContext) => bot.run(ctx);
    };

    test('botbuilder fetches each added member from the connector before the handler runs', async () => {
      connector.setMembers('a:dm', members(2));
      const added: BotbuilderTeamsChannelAccount[] = [];
      expect(await post(adapter, membersAdded('a:dm', '29:user-1'), undefined, botSeeing(added))).toBe(200);
      expect(added).toEqual([members(2)[1]]);
      expect(connector.requests.map((r) => [r.route, r.conversationId, r.memberId])).toEqual([['getConversationMember', 'a:dm', '29:user-1']]);
    });

    test.each([
      ['an unknown member', 'a:dm'],
      ['an unknown conversation', 'a:elsewhere'],
    ])('a 404 for %s fails the whole turn (4.23 no longer falls back on ConversationNotFound)', async (_label, conversationId) => {
      connector.setMembers('a:dm', members(1));
      const added: BotbuilderTeamsChannelAccount[] = [];
      expect(await post(adapter, membersAdded(conversationId, '29:nobody'), undefined, botSeeing(added))).toBe(500);
      expect(added).toEqual([]);
    });
  });

  describe('CloudAdapter inbound authentication against the identity fake', () => {
    // Outbound, botbuilder would ask MSAL for a token from ToChannelFromBotLoginUrl, and
    // MSAL refuses a non-https authority: give the adapter credentials that need no login.
    class LoopbackCredentialsFactory extends PasswordServiceClientCredentialFactory {
      override async createCredentials(appId: string): Promise<ServiceClientCredentials> {
        if (!(await this.isValidAppId(appId))) throw new Error(`Invalid appId ${appId}`);
        return new TokenCredentials('outbound-test-token');
      }
    }

    const activity = (overrides: Record<string, unknown> = {}) => ({
      type: 'message',
      id: 'act-1',
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: '29:user-0', name: 'User 0', aadObjectId: 'aad-0' },
      recipient: { id: `28:${APP_ID}`, name: 'Quorum' },
      conversation: { id: CHANNEL, conversationType: 'channel', tenantId: 't1' },
      text: 'hello',
      ...overrides,
    });

    const adapterWith = (urls: Partial<BotFrameworkIdentity['urls']>) =>
      new CloudAdapter(
        new ConfigurationBotFrameworkAuthentication(
          { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'unused', MicrosoftAppType: 'MultiTenant', ...urls },
          new LoopbackCredentialsFactory(APP_ID, 'unused'),
        ),
      );

    const bearer = async (options: Partial<Parameters<BotFrameworkIdentity['signChannelToken']>[0]> = {}) =>
      `Bearer ${await identity.signChannelToken({ appId: APP_ID, serviceUrl: connector.url, ...options })}`;

    test('a good token is accepted and the reply reaches the connector with the bot credentials', async () => {
      const adapter = adapterWith(identity.urls);
      const status = await post(adapter, activity(), await bearer(), async (ctx) => {
        await ctx.sendActivity('pong');
      });
      expect(status).toBe(200);
      const reply = await connector.waitFor((r) => r.route === 'replyToActivity');
      expect(reply).toMatchObject({
        conversationId: CHANNEL,
        activityId: 'act-1',
        headers: { authorization: 'Bearer outbound-test-token' },
        body: { type: 'message', text: 'pong' },
      });
    });

    test.each([
      ['no Authorization header', async () => undefined, 401, 'Request is not authorized'],
      ['a garbage token', async () => 'Bearer not-a-jwt', 401, 'No valid identity'],
      ['a key not endorsed for msteams', () => bearer({ key: 'unendorsed' }), 401, 'Could not validate endorsement'],
      ['a key not in the JWKS', () => bearer({ key: 'unknown' }), 401, 'Signing Key could not be retrieved'],
      ['another audience', () => bearer({ audience: 'someone-else' }), 401, 'Invalid AppId passed on token'],
      ['another issuer', () => bearer({ issuer: 'https://elsewhere.example' }), 401, 'No valid identity'],
      ['another serviceUrl', () => bearer({ serviceUrl: 'https://smba.trafficmanager.net/emea/' }), 401, 'ServiceUrl claim do not match'],
      ['the serviceUrl without its trailing slash', () => bearer({ serviceUrl: connector.url.slice(0, -1) }), 401, 'ServiceUrl claim do not match'],
      ['an expired token (past the 5-minute tolerance)', () => bearer({ expiresInSeconds: -301 }), 401, 'The token has expired'],
      ['a bad signature (botbuilder answers 500, not 401)', () => bearer({ tamper: 'signature' }), 500, 'invalid signature'],
      ['a future nbf (botbuilder answers 500, not 401)', () => bearer({ notBefore: Math.floor(Date.now() / 1000) + 600 }), 500, 'jwt not active'],
    ])('refuses %s', async (_label, header, expectedStatus, expectedReason) => {
      const adapter = adapterWith(identity.urls);
      let ran = false;
      const answer = await processRequest(adapter, activity(), await header(), async () => {
        ran = true;
      });
      expect([answer.status, ran]).toEqual([expectedStatus, false]);
      expect(String(answer.body)).toContain(expectedReason);
    });

    test('within the 5-minute clock tolerance an expired token still passes', async () => {
      const status = await post(adapterWith(identity.urls), activity(), await bearer({ expiresInSeconds: -60 }));
      expect(status).toBe(200);
    });

    test('the key set is fetched once and then cached by botbuilder', async () => {
      const before = { ...identity.stats };
      const adapter = adapterWith(identity.urls);
      expect(await post(adapter, activity(), await bearer())).toBe(200);
      expect(await post(adapter, activity(), await bearer())).toBe(200);
      // The cache is process-wide per metadata URL: earlier tests may already have filled it.
      expect(identity.stats.keys - before.keys).toBeLessThanOrEqual(1);
    });

    test('overriding only the metadata URL leaves the issuer unset and refuses every token', async () => {
      const adapter = adapterWith({ ToBotFromChannelOpenIdMetadataUrl: identity.urls.ToBotFromChannelOpenIdMetadataUrl });
      expect(await post(adapter, activity(), await bearer())).toBe(401);
    });
  });
});
