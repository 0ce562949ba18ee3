import { parseConfig } from '../../bot/src/platform/config';
import { startAzurite } from '../../bot/src/dev/azurite';
import { startQuorum } from '../../bot/src/main';
import { startBotConnector, type BotConnector } from '../fakes/bot-connector';
import { loadActivity } from '../fixtures/activities';
import { LogCapture } from '../support/log-capture';
import { startTestService, type TestService } from '../support/service';

describe('/api/messages with bad input', () => {
  let service: TestService;
  let connector: BotConnector;
  beforeAll(async () => {
    service = await startTestService();
    connector = await startBotConnector();
  });
  afterAll(async () => {
    await service.stop();
    await connector.stop();
  });
  afterEach(async () => {
    // The service stays up after every bad request.
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
  });

  const raw = (body: string, contentType = 'application/json') => fetch(`${service.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('answers 400 to a body that is not JSON, without echoing it', async () => {
    const res = await raw('{"type": "message", oops');
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'InvalidContent', message: 'The body is not valid JSON.' } });
    expect(text).not.toContain('oops');
  });

  it.each([
    ['an array', '[1,2,3]'],
    ['a string', '"message"'],
    ['an object without a type', '{"text":"help"}'],
    ['a type that is not a string', '{"type":{"$ne":null}}'],
    ['a mention that names no one', JSON.stringify({ type: 'message', text: 'help', entities: [{ type: 'mention', mentioned: null, text: '<at>x</at>' }] })],
    ['an invoke whose value is null', JSON.stringify({ type: 'invoke', name: 'composeExtension/fetchTask', value: null })],
    ['an empty body', ''],
  ])('answers 400 to %s', async (_what, body) => {
    const res = await raw(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: expect.any(String) } });
  });

  it('answers 413 to a body over 256 KB', async () => {
    const big = JSON.stringify({ ...loadActivity('personal-message', { serviceUrl: connector.url }), text: 'x'.repeat(300 * 1024) });
    const res = await raw(big);
    expect(res.status).toBe(413);
    expect(connector.requests).toHaveLength(0);
  });

  it('accepts an activity just under the limit', async () => {
    const res = await raw(JSON.stringify({ ...loadActivity('personal-message', { serviceUrl: connector.url }), text: `help ${'x'.repeat(200 * 1024)}` }));
    expect(res.status).toBe(200);
  });

  it('ignores an unknown activity type with 200', async () => {
    connector.clear();
    const res = await service.post({ ...loadActivity('personal-message', { serviceUrl: connector.url }), type: 'somethingNew' });
    expect(res.status).toBe(200);
    expect(connector.requests).toHaveLength(0);
  });

  it('answers 405 to GET', async () => {
    expect((await fetch(`${service.url}/api/messages`)).status).toBe(405);
  });
});

describe('/healthz', () => {
  it('reports storage down (503) while Azurite is stopped', async () => {
    const azurite = await startAzurite();
    const logs = new LogCapture();
    const running = await startQuorum(parseConfig({ NODE_ENV: 'test', PORT: '0', STORAGE_CONNECTION_STRING: azurite.connectionString }), { logDestination: logs });
    try {
      const up = await fetch(`${running.url}/healthz`);
      expect(up.status).toBe(200);
      expect(await up.json()).toEqual({ status: 'ok', storage: 'up' });
      await azurite.stop();
      const down = await fetch(`${running.url}/healthz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: 'degraded', storage: 'down' });
    } finally {
      await running.stop();
      await azurite.stop();
    }
  });
});
