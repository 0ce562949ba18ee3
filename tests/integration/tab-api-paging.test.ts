import { testRepositories } from '../support/storage';
import type { Poll } from '../../bot/src/features/polls/domain/poll';
import { PRIORITIES } from '../../bot/src/features/work-plan/domain/action-item';
import { teamsChannelAccount, TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { tabApi } from '../support/tab';

jest.setTimeout(120_000);

const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const OTHER_TEAM = '19:Qp7rStUvWx3yZ1aB2cD4eF5gH6iJ8kL0@thread.tacv2';
const ITEMS = 230;
const POLLS = 130;
const MAX = 100;

interface ItemsPage {
  items: { ref: string; number: number }[];
  nextPageToken: string | null;
}
interface PollsPage {
  polls: { id: string }[];
  nextPageToken: string | null;
}

/** The tab API's lists of a large group: at most MAX rows a call, the rest through continuation tokens. */
describe('tab API lists are paged', () => {
  let h: BotHarness;
  const api = tabApi(() => h.service.url);
  const get = <T>(path: string, query: Record<string, string>, who: 'lars' | 'sofia' = 'lars', team: string = TEAM.id) =>
    api<T>(who, 'GET', `${path}?${new URLSearchParams(query).toString()}`, undefined, { 'x-quorum-team': team });

  /** Follows the tokens from the first page to the last, checking each page's size. */
  async function readAll<P extends { nextPageToken: string | null }>(path: string, query: Record<string, string>, rows: (p: P) => { length: number }): Promise<P[]> {
    const pages: P[] = [];
    let token: string | null = null;
    do {
      const res: { status: number; json: P } = await get<P>(path, { ...query, ...(token ? { pageToken: token } : {}) });
      expect(res.status).toBe(200);
      expect(rows(res.json).length).toBeLessThanOrEqual(Number(query.limit ?? 50));
      pages.push(res.json);
      token = res.json.nextPageToken;
    } while (token && pages.length < 50);
    return pages;
  }

  beforeAll(async () => {
    // Budget large enough for the paging tests; the budget test below uses its own service.
    h = await startBotHarness({ TAB_LIST_REQUESTS_PER_MINUTE: '100000' });
    await h.send('bot-added-to-team');
    const items = testRepositories(h.service.tables).workPlan.items;
    for (let n = 0; n < ITEMS; n++) {
      // Few distinct due dates and priorities: most rows tie on the sort key, the reference decides.
      const at = new Date(Date.UTC(2027, 0, 1, 0, 0, n % 7)).toISOString();
      const item = {
        ...group,
        title: `Item ${n}`,
        description: '',
        priority: PRIORITIES[n % PRIORITIES.length]!,
        status: 'open' as const,
        progress: 0,
        createdBy: USERS.amina.aadObjectId,
        createdAt: at,
        updatedAt: at,
        ...(n % 3 ? { due: `2027-0${1 + (n % 5)}-01` } : {}),
      };
      await items.create(item, { at, by: USERS.amina.aadObjectId, byName: 'Amina', field: 'created', to: item.title });
    }
    const polls = testRepositories(h.service.tables).polls.polls;
    for (let n = 0; n < POLLS; n++) {
      const poll: Poll = {
        ...group,
        id: `p${String(n).padStart(16, '0')}`,
        question: `Question ${n}`,
        options: [
          { id: 'o0', text: 'Yes' },
          { id: 'o1', text: 'No' },
        ],
        kind: 'single',
        maxChoices: 1,
        anonymous: false,
        visibility: 'live',
        closesAt: new Date(Date.now() + 30 * 86_400_000),
        timeZone: 'Europe/Zurich',
        status: 'open',
        createdBy: USERS.amina.aadObjectId,
        // Several polls share a creation time: the id breaks the tie.
        createdAt: new Date(Date.UTC(2027, 0, 1) + Math.floor(n / 4) * 1000),
        resultsPosted: false,
        electorate: 3,
      };
      await polls.create(poll);
    }
    // A second team Lars also belongs to, for tokens carried across teams.
    h.connector.setMembers(
      OTHER_TEAM,
      (['amina', 'lars'] as const).map((u) => teamsChannelAccount(u)),
    );
    await h.send('bot-added-to-team', { team: { id: OTHER_TEAM, name: 'Other group' } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('answers a large group one page at a time, at most the maximum, with a token for the rest', async () => {
    const first = await get<ItemsPage>('items', {});
    expect(first.status).toBe(200);
    expect(first.json.items).toHaveLength(50);
    expect(first.json.nextPageToken).toEqual(expect.any(String));
    const max = await get<ItemsPage>('items', { limit: String(MAX) });
    expect(max.json.items).toHaveLength(MAX);
    expect((await get('items', { limit: String(MAX + 1) })).status).toBe(400);
    expect((await get('items', { limit: '0' })).status).toBe(400);
    const polls = await get<PollsPage>('polls', {});
    expect(polls.json.polls).toHaveLength(50);
    expect(polls.json.nextPageToken).toEqual(expect.any(String));
  });

  it.each([
    ['items, due order', {}],
    ['items, most recently updated last', { sort: 'updated', order: 'desc' }],
    ['items, by reference, open only', { sort: 'ref', open: 'true' }],
  ])('reads every item exactly once by following the tokens (%s)', async (_what, query: Record<string, string>) => {
    const pages = await readAll<ItemsPage>('items', { ...query, limit: '37' }, (p) => p.items);
    const refs = pages.flatMap((p) => p.items.map((i) => i.ref));
    expect(new Set(refs).size).toBe(refs.length);
    expect(refs).toHaveLength(ITEMS);
    // Same order as one unpaged read would give: the pages joined equal the list.
    const whole = (await readAll<ItemsPage>('items', { ...query, limit: String(MAX) }, (p) => p.items)).flatMap((p) => p.items.map((i) => i.ref));
    expect(refs).toEqual(whole);
    expect(pages[pages.length - 1]!.nextPageToken).toBeNull();
  });

  it('reads every poll exactly once, newest first, by following the tokens', async () => {
    const pages = await readAll<PollsPage>('polls', { limit: '9' }, (p) => p.polls);
    const ids = pages.flatMap((p) => p.polls.map((x) => x.id));
    expect(ids).toHaveLength(POLLS);
    expect(new Set(ids).size).toBe(POLLS);
  });

  it('refuses a token that was edited, or carried to another team, route or filter (400)', async () => {
    const token = (await get<ItemsPage>('items', { limit: '10' })).json.nextPageToken!;
    const [payload, mac] = token.split('.') as [string, string];
    const cursor = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { number: number };
    const edited = `${Buffer.from(JSON.stringify({ ...cursor, number: cursor.number + 1 })).toString('base64url')}.${mac}`;
    const flipped = `${payload}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
    const refusals: [string, Promise<{ status: number; json: unknown }>][] = [
      ['edited position', get('items', { limit: '10', pageToken: edited })],
      ['edited checksum', get('items', { limit: '10', pageToken: flipped })],
      ['garbage', get('items', { pageToken: 'not a token' })],
      ['another filter', get('items', { limit: '10', open: 'true', pageToken: token })],
      ['another route', get('polls', { limit: '10', pageToken: token })],
      ['another team', get('items', { limit: '10', pageToken: token }, 'lars', OTHER_TEAM)],
    ];
    for (const [what, call] of refusals) {
      const res = await call;
      expect({ what, status: res.status, code: (res.json as { error?: { code?: string } }).error?.code }).toEqual({ what, status: 400, code: 'validation' });
    }
    // The same token, unchanged, still works (another member of the same team may use it too).
    expect((await get('items', { limit: '10', pageToken: token }, 'sofia')).status).toBe(200);
  });
});

describe('tab API lists are limited per caller', () => {
  let h: BotHarness;
  const api = tabApi(() => h.service.url);

  beforeAll(async () => {
    h = await startBotHarness({ TAB_LIST_REQUESTS_PER_MINUTE: '60' });
    await h.send('bot-added-to-team');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('answers 429 with Retry-After once a caller has spent their budget, and only that caller', async () => {
    let refused: Response | undefined;
    let served = 0;
    for (let i = 0; i < 200 && !refused; i++) {
      const res = await fetch(`${h.service.url}/api/tab/items`, { headers: { 'x-quorum-dev-user': `${TENANT_ID}:${USERS.lars.aadObjectId}`, 'x-quorum-team': TEAM.id } });
      if (res.status === 429) refused = res;
      else {
        expect(res.status).toBe(200);
        served++;
        await res.arrayBuffer();
      }
    }
    expect(refused).toBeDefined();
    // The burst is a quarter of the minute's budget.
    expect(served).toBeGreaterThanOrEqual(15);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused!.json()).toEqual({ error: { code: 'too-many-requests', message: expect.any(String) } });
    // Another list is refused too; a single-row read and another person are not.
    expect((await api('lars', 'GET', 'polls')).status).toBe(429);
    expect((await api('lars', 'GET', 'me')).status).toBe(200);
    expect((await api('sofia', 'GET', 'items')).status).toBe(200);
  });
});
