import fc from 'fast-check';
import { REFUSALS } from '../../bot/src/platform/http/server';
import { loadActivity, TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { loadMeeting } from '../fixtures/meetings';

const isMeeting = (n: string): n is 'meeting-start' | 'meeting-end' | 'meeting-chat-message' => n.startsWith('meeting-');
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { catalogPatterns, isCatalogued } from '../support/catalog';
import { storageFingerprint } from '../support/storage-snapshot';
import { registeredSurface } from '../support/surface';

/**
 * Property-based fuzzing of every way in (issue 8), bounded in runs and time: random and
 * mutated activities, random card-action payloads for every registered verb, random
 * requests to every tab API route. Never a 5xx, never a crash, never a stored change from a
 * refused request, and what a user is told is always a catalogued message.
 */
describe('fuzz', () => {
  let h: BotHarness;
  const patterns = catalogPatterns('en');
  const surface = registeredSurface();
  // The notifier's delivery log and the scheduler's tables may move on their own; requests are judged on the rest.
  const IGNORED = ['deliveries', 'jobs', 'jobIndex', 'jobCursor'];

  beforeAll(async () => {
    h = await startBotHarness();
    await h.send('bot-added-to-team');
  });
  afterAll(() => h.stop());
  afterEach(async () => expect((await fetch(`${h.service.url}/healthz`)).status).toBe(200));

  const json: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 });
  const hostile = fc.constantFrom('${$root}', '<at>x</at>', '**x**', '\u0000', 'A-1', 'D-2026-001', "' or 1 eq 1", '../../x', 'x'.repeat(5000), '19:other@thread.tacv2');
  const payload = fc.oneof(
    json,
    fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('teamId', 'aadObjectId', 'title', 'text', 'ref', 'pollId', 'choice', 'etag')), fc.oneof(json, hostile), { maxKeys: 6 }),
  );

  it('card actions: random data for every verb is refused cleanly, with a catalogued message, and stores nothing', async () => {
    expect(surface.verbs.length).toBeGreaterThan(5);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...surface.verbs), payload, fc.constantFrom<'amina' | 'sofia'>('amina', 'sofia'), async (verb, data, who) => {
        const before = await storageFingerprint(h.service.tablePrefix, IGNORED);
        const res = await h.send('invoke-adaptive-card-action', {
          from: who,
          cardAction: { verb, data: (data && typeof data === 'object' && !Array.isArray(data) ? data : { value: data }) as Record<string, unknown> },
        });
        expect(res.status).toBeLessThan(500);
        const body = res.body as { statusCode?: number; type?: string; value?: unknown };
        if (body.type === 'application/vnd.microsoft.activity.message') {
          expect(isCatalogued(String(body.value), patterns)).toBe(true);
          expect(await storageFingerprint(h.service.tablePrefix, IGNORED)).toBe(before);
        } else if (body.type === 'application/vnd.microsoft.error') {
          expect(await storageFingerprint(h.service.tablePrefix, IGNORED)).toBe(before);
        } else {
          expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
        }
      }),
      { numRuns: 150, interruptAfterTimeLimit: 60_000 },
    );
  }, 120_000);

  it('activities: mutated Teams payloads never get a 5xx', async () => {
    const names = [
      'personal-message',
      'channel-message-mention',
      'invoke-adaptive-card-action',
      'installation-update-add-personal',
      'member-added-to-team',
      'invoke-message-action-fetch-task',
    ] as const;
    const meetings = ['meeting-start', 'meeting-end', 'meeting-chat-message'] as const;
    const mutation = fc.record({
      path: fc.constantFrom('type', 'text', 'value', 'entities', 'channelData', 'channelData.tenant', 'from', 'conversation', 'name', 'locale', 'value.action', 'value.action.data', 'recipient'),
      value: fc.oneof(json, hostile),
    });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names, ...meetings), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (name, mutations) => {
        const activity: Record<string, unknown> = isMeeting(name) ? loadMeeting(name, { serviceUrl: h.connector.url }) : loadActivity(name, { serviceUrl: h.connector.url });
        for (const m of mutations) set(activity, m.path, m.value);
        const res = await h.service.post(activity);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 150, interruptAfterTimeLimit: 60_000 },
    );
  }, 120_000);

  it('tab API: random parameters, queries and bodies on every route never get a 5xx, and a refusal changes nothing', async () => {
    expect(surface.routes.length).toBeGreaterThan(5);
    const segment = fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), hostile).map((s) => encodeURIComponent(s));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...surface.routes),
        segment,
        fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.oneof(fc.string({ maxLength: 20 }), hostile), { maxKeys: 4 }),
        payload,
        fc.constantFrom<'amina' | 'sofia'>('amina', 'sofia'),
        async (route, seg, query, body, who) => {
          const path = route.path.replace(/:[A-Za-z]+/g, seg);
          const qs = new URLSearchParams(query).toString();
          const before = await storageFingerprint(h.service.tablePrefix, IGNORED);
          const res = await fetch(`${h.service.url}/api/tab/${path}${qs ? `?${qs}` : ''}`, {
            method: route.method.toUpperCase(),
            headers: { 'x-quorum-dev-user': `${TENANT_ID}:${USERS[who].aadObjectId}`, 'x-quorum-team': TEAM.id, 'content-type': 'application/json' },
            ...(route.method === 'get' || route.method === 'delete' ? {} : { body: JSON.stringify(body) }),
          });
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            const text = await res.text();
            const err = (JSON.parse(text) as { error?: { message?: string } }).error;
            expect(err?.message).toBeDefined();
            const fixed = [...Object.values(REFUSALS), 'The request is not authenticated.', 'Send JSON (Content-Type: application/json).'];
            expect(isCatalogued(err!.message!, patterns) || fixed.includes(err!.message!)).toBe(true);
            expect(await storageFingerprint(h.service.tablePrefix, IGNORED)).toBe(before);
          }
        },
      ),
      { numRuns: 200, interruptAfterTimeLimit: 60_000 },
    );
  }, 120_000);
});

function set(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Record<string, unknown> = target;
  for (const k of keys.slice(0, -1)) {
    if (!node[k] || typeof node[k] !== 'object') node[k] = {};
    node = node[k] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}
