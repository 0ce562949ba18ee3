import type { RecordedRequest } from '../fakes/bot-connector';
import { TEAM, TENANT_ID } from '../fixtures/activities';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { createRepositories } from '../../bot/src/platform/storage/repositories';
import { DeliveryLog } from '../../bot/src/platform/storage/delivery-log';

const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const channel = TEAM.selectedChannel.id;
const isPost = (r: RecordedRequest) => r.method === 'POST' && r.route === 'sendToConversation' && r.conversationId === channel;

/**
 * The notifier against the Bot Connector stand-in: Teams' answers on demand, the real
 * botbuilder HTTP pipeline in between, outcomes read from storage.
 */
describe('notifier', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness({ NOTIFY_MAX_ATTEMPTS: '2', NOTIFY_BACKOFF_MS: '50' });
    await h.send('bot-added-to-team');
  });
  afterAll(() => h.stop());
  beforeEach(() => {
    h.connector.clear();
    h.connector.clearFaults();
  });

  const post = (purpose: string) => h.service.notifier.postToGroup(group, { text: 'Reminder', purpose });
  const deliveries = async () => new DeliveryLog(h.service.tables.table('deliveries')).day(new Date().toISOString().slice(0, 10));

  it('posts to the group channel as a new thread and records the delivery', async () => {
    const d = await post('test:plain');
    expect(d.status).toBe('sent');
    expect(h.connector.requests.filter(isPost)).toHaveLength(1);
    expect((await deliveries()).find((r) => r.purpose === 'test:plain')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('waits at least as long as Retry-After says after a 429', async () => {
    h.connector.failNext({ status: 429, retryAfterSeconds: 2, match: isPost });
    const d = await post('test:429');
    expect(d.status).toBe('sent');
    const posts = h.connector.requests.filter(isPost);
    expect(posts.length).toBeGreaterThanOrEqual(2);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(2000);
  });

  it('backs off and retries a 429 without Retry-After', async () => {
    h.connector.failNext({ status: 429, match: isPost });
    expect((await post('test:429-bare')).status).toBe('sent');
  });

  it('gives up on a 5xx after a bounded number of attempts and records the failure', async () => {
    h.connector.failNext({ status: 500, times: 1000, match: isPost });
    const d = await post('test:500');
    expect(d).toEqual({ status: 'failed', reason: 'retries-exhausted-500' });
    const attempts = h.connector.requests.filter(isPost).length;
    // Two attempts of ours, each retried at most three times by botbuilder's own pipeline.
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThanOrEqual(8);
    expect((await deliveries()).find((r) => r.purpose === 'test:500')).toMatchObject({ status: 'failed', attempts: 2 });
  }, 30_000);

  it('recovers when a 503 passes', async () => {
    h.connector.failNext({ status: 503, times: 2, match: isPost });
    expect((await post('test:503')).status).toBe('sent');
  }, 30_000);

  it('keeps every conversation within 7 sends per second', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => post(`test:burst-${i}`)));
    expect(results.every((r) => r.status === 'sent')).toBe(true);
    const times = h.connector.requests
      .filter(isPost)
      .map((r) => r.at)
      .sort((a, b) => a - b);
    for (let i = 7; i < times.length; i++) expect(times[i]! - times[i - 7]!).toBeGreaterThanOrEqual(1000);
  }, 30_000);

  it('marks the group inactive on 403 and posts nothing there again', async () => {
    h.connector.failNext({ status: 403, match: isPost });
    expect((await post('test:403')).status).toBe('inactive');
    const repos = createRepositories(h.service.tables);
    expect((await repos.groups.get(group))?.value.active).toBe(false);
    h.connector.clear();
    expect((await post('test:after-403')).status).toBe('inactive');
    expect(h.connector.requests.filter(isPost)).toHaveLength(0);
  });
});

/** A send Teams never answers must not hold the scheduler pass (and its lease) for ever. */
describe('notifier: a send left unanswered', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness({ NOTIFY_MAX_ATTEMPTS: '3', NOTIFY_BACKOFF_MS: '50', NOTIFY_TIMEOUT_MS: '1000' });
    await h.send('bot-added-to-team');
  });
  afterAll(() => h.stop());

  it('gives up on the attempt after NOTIFY_TIMEOUT_MS and delivers on the next one', async () => {
    h.connector.clear();
    // The first post is answered only after 20 s: far past the 1 s the service waits.
    h.connector.delayNext({ ms: 20_000, match: isPost });
    const d = await h.service.notifier.postToGroup(group, { text: 'Reminder', purpose: 'test:hung' });
    expect(d.status).toBe('sent');
    const record = (await new DeliveryLog(h.service.tables.table('deliveries')).day(new Date().toISOString().slice(0, 10))).find((r) => r.purpose === 'test:hung');
    // Our second attempt delivered it: the first was abandoned, not awaited to its 20 s answer.
    expect(record).toMatchObject({ status: 'sent', attempts: 2 });
    expect(h.connector.requests.filter(isPost)).toHaveLength(2);
  }, 30_000);
});
