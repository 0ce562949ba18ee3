import { randomUUID } from 'node:crypto';
import type { TableEntityResult } from '@azure/data-tables';
import { startBotConnector, type BotConnector } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { startTestService, type TestService } from '../support/service';
import { testStorageConnection } from '../support/storage';
import { openTables, type QuorumTables } from '../../bot/src/features/storage';
import en from '../../bot/src/features/polls/locales/en.json';

describe('anonymous polls: nothing links a voter to a choice', () => {
  let connector: BotConnector;
  let service: TestService;
  let tables: QuorumTables;
  const now = new Date('2027-03-01T09:00:00Z');

  const send = (from: 'amina' | 'lars' | 'sofia', verb: string, data: Record<string, unknown>) =>
    service.post(loadActivity('invoke-adaptive-card-action', { serviceUrl: connector.url, from, cardAction: { verb, data: { teamId: TEAM.id, ...data } } }));
  const text = (res: { body: unknown }) => JSON.stringify(res.body);
  const card = (res: { body: unknown }) => JSON.stringify((res.body as { value?: unknown }).value);

  async function createPoll(fields: Record<string, string>): Promise<string> {
    const pollId = `p${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const res = await send('amina', 'poll.create', {
      pollId,
      question: 'Budget option?',
      options: 'Keep\nCut\nGrow',
      kind: 'single',
      visibility: 'live',
      closesDate: '2027-03-08',
      closesTime: '17:00',
      ...fields,
    });
    expect(text(res)).toContain(en.polls.created);
    return pollId;
  }

  /** The tab API over HTTP, as the tab calls it (development identity on a local run). */
  async function route(path: string, who: 'amina' | 'sofia') {
    const res = await fetch(`${service.url}/api/tab/${path}`, { headers: { 'X-Quorum-Dev-User': `${TENANT_ID}:${USERS[who].aadObjectId}`, 'X-Quorum-Team': TEAM.id } });
    return { status: res.status, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '', body: await res.text() };
  }

  async function allEntities(): Promise<Record<string, unknown>[]> {
    const names = ['polls', 'pollIndex', 'pollSettings', 'jobs', 'jobIndex', 'deliveries', 'members', 'groups'] as const;
    const out: Record<string, unknown>[] = [];
    for (const n of names) {
      try {
        for await (const e of tables.table(n).listEntities<TableEntityResult<Record<string, unknown>>>()) out.push({ table: n, ...e });
      } catch {
        /* a table this run never created */
      }
    }
    return out;
  }

  beforeAll(async () => {
    connector = await startBotConnector();
    connector.setTeam({ id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId });
    const roster = (['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u));
    connector.setMembers(TEAM.id, roster);
    connector.setMembers(TEAM.selectedChannel.id, roster);
    service = await startTestService({ INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId}` }, { clock: { now: () => now } });
    await service.post(loadActivity('bot-added-to-team', { serviceUrl: connector.url }));
    tables = openTables({ kind: 'connection-string', connectionString: testStorageConnection() }, service.tablePrefix);
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
    await connector?.stop();
  });

  it('stores a "has voted" marker and counters, never a pairing; answers and exports show none', async () => {
    const pollId = await createPoll({ anonymous: 'true' });
    const votes = { lars: 'o0', sofia: 'o1', amina: 'o1' } as const;
    for (const [who, choice] of Object.entries(votes)) {
      const res = await send(who as keyof typeof votes, 'poll.vote', { pollId, choice });
      expect(text(res)).toContain(en.polls.card.recorded);
      // The answer says a vote was cast, not which one.
      expect(text(res)).toContain(en.polls.card.anonymousVoted.slice(0, 40));
      expect(card(res)).not.toContain(`"text":"${en.polls.card.myVote}"`);
      expect(card(res)).toContain(`"text":"${en.polls.card.recorded}"`);
    }
    // An anonymous ballot is final: a second one is refused and counts nothing.
    expect(text(await send('lars', 'poll.vote', { pollId, choice: 'o2' }))).toContain(en.polls.card.alreadyVoted);
    const view = await send('lars', 'poll.view', { pollId });
    expect(card(view)).not.toContain(`"text":"${en.polls.card.myVote}"`);
    expect(text(view)).not.toContain(en.polls.card.change);

    const voterIds = [USERS.lars, USERS.sofia, USERS.amina].map((u) => u.aadObjectId);
    const entities = await allEntities();
    const pollRows = entities.filter((e) => e.table === 'polls' && String(e.partitionKey).endsWith(pollId));
    // Markers: who voted, nothing else (no choice, no shard, no time of our own).
    const markers = pollRows.filter((e) => String(e.rowKey).startsWith('voted|'));
    expect(markers).toHaveLength(3);
    for (const m of markers) expect(Object.keys(m).filter((k) => !['table', 'partitionKey', 'rowKey', 'etag', 'timestamp', 'aadObjectId'].includes(k))).toEqual([]);
    expect(pollRows.filter((e) => String(e.rowKey).startsWith('vote|'))).toHaveLength(0);
    // Counters: totals, no voter.
    const shards = pollRows.filter((e) => String(e.rowKey).startsWith('shard|'));
    const sums = shards.reduce<number[]>((acc, s) => (JSON.parse(String(s.counts)) as number[]).map((c, i) => c + (acc[i] ?? 0)), []);
    expect(sums).toEqual([1, 2, 0]);
    // Anywhere in storage, a row naming a voter says nothing about a choice (the poll's own
    // row names its creator and lists the options: no vote is in it).
    const pollRow = pollRows.find((e) => e.rowKey === 'poll')!;
    expect(Object.keys(pollRow).filter((k) => /^(votes?|ballot|counts|choice|voter.*)$/i.test(k))).toEqual([]);
    for (const e of entities.filter((x) => x !== pollRow)) {
      const json = JSON.stringify(e);
      if (!voterIds.some((id) => json.includes(id))) continue;
      expect(Object.keys(e)).not.toEqual(expect.arrayContaining(['counts']));
      expect(Object.keys(e)).not.toEqual(expect.arrayContaining(['ballot']));
      expect(json).not.toMatch(/"o[0-9]+"|Keep|Cut|Grow/);
    }
    // Logs never carry the choice next to a voter (nor a choice at all).
    for (const line of service.logs.lines) {
      if (voterIds.some((id) => line.includes(id))) expect(line).not.toMatch(/"o[0-9]+"|choice|ballot/);
    }

    const csv = await route(`polls/${pollId}/csv`, 'amina');
    expect(csv).toMatchObject({ status: 200, body: 'option,votes,percent\r\nKeep,1,33\r\nCut,2,67\r\nGrow,0,0\r\nvoters,3,\r\n' });
    expect(csv.type).toMatch(/^text\/csv/);
    const json = (await route(`polls/${pollId}`, 'sofia')).body;
    expect(JSON.parse(json)).toMatchObject({ id: pollId, anonymous: true, voters: 3, results: { voters: 3 } });
    for (const u of [USERS.lars, USERS.sofia, USERS.amina]) {
      expect(json).not.toContain(u.aadObjectId);
      expect(json).not.toContain(u.name);
    }
  });

  it('exports a named poll with names, for co-chairs', async () => {
    const pollId = await createPoll({ question: 'Named =SUM(A1)?', options: '=cmd|calc\nPlain, "quoted"' });
    await send('lars', 'poll.vote', { pollId, choice: 'o0' });
    await send('sofia', 'poll.vote', { pollId, choice: 'o1' });
    const csv = await route(`polls/${pollId}/csv`, 'amina');
    expect(csv.body).toBe(`voter,option,answer\r\nLars Eriksen,'=cmd|calc,\r\nSofia Marquez,"Plain, ""quoted""",\r\n`);
    expect(csv.disposition).toBe(`attachment; filename="poll-${pollId}.csv"`);
    expect((await route(`polls/${pollId}/csv`, 'sofia')).status).toBe(403);
    const list = JSON.parse((await route('polls', 'sofia')).body) as { polls: { id: string }[] };
    expect(list.polls.map((p) => p.id)).toContain(pollId);
  });
});
