import { startBotConnector, type BotConnector } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS, type ActivityOverrides, type FixtureName } from '../fixtures/activities';
import { startTestService, type TestService } from '../support/service';
import { cardsIn } from '../support/bot-harness';
import { createRepositories } from '../../bot/src/platform/storage/repositories';
import { openTables } from '../../bot/src/features/storage';
import { testStorageConnection } from '../support/storage';

// Real storage and HTTP: give each hook and test room on a busy machine (package.json sets no testTimeout).
jest.setTimeout(60_000);

/**
 * The scheduler driven by a fake clock across days, weeks and daylight-saving changes; what
 * counts is what reached the Bot Connector stand-in, and when.
 */
const KENJI = { id: '29:1kenji-ny', aadObjectId: '3a9e4f6b-8d0c-4b5e-9f2a-4c5d6e7f8091', name: 'Kenji Sato' };
const NY_TEAM = { id: '19:newyork@thread.tacv2', name: 'New York chapter' };

interface Posted {
  conversation?: { id?: string };
  text?: string;
  entities?: { type: string; text?: string; mentioned?: { id: string; name: string } }[];
  attachments?: unknown[];
}

interface Rig {
  service: TestService;
  connector: BotConnector;
  clock: { at: Date };
  send(name: FixtureName, overrides?: ActivityOverrides): Promise<{ status: number; body: unknown }>;
  execute(from: ActivityOverrides['from'], verb: string, data: Record<string, unknown>, team?: { id: string }): Promise<string>;
  /** Moves the clock, runs one scheduler pass, returns what the bot posted in it. */
  advance(iso: string): Promise<Posted[]>;
  stop(): Promise<void>;
}

async function startRig(startAt: string): Promise<Rig> {
  const clock = { at: new Date(startAt) };
  const connector = await startBotConnector();
  connector.setTeam({ id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId });
  const roster = (['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u));
  connector.setMembers(TEAM.id, roster);
  connector.setMembers(TEAM.selectedChannel.id, roster);
  connector.setTeam({ id: NY_TEAM.id, name: NY_TEAM.name, aadGroupId: '9b5e0a2c-4d6f-4b1e-8a7c-a2b3c4d5e6f7' });
  connector.setMembers(NY_TEAM.id, [{ ...KENJI, tenantId: TENANT_ID }]);
  const service = await startTestService({ INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId},${TENANT_ID}:${KENJI.aadObjectId}` }, { clock: { now: () => clock.at } });
  const send = (name: FixtureName, overrides: ActivityOverrides = {}) => service.post(loadActivity(name, { serviceUrl: connector.url, ...overrides }));
  return {
    service,
    connector,
    clock,
    send,
    async execute(from, verb, data, team) {
      const res = await send('invoke-adaptive-card-action', { from, cardAction: { verb, data }, ...(team ? { team } : {}) });
      return JSON.stringify(res.body);
    },
    async advance(iso) {
      clock.at = new Date(iso);
      connector.clear();
      await service.scheduler.tick();
      return connector.activities() as Posted[];
    },
    async stop() {
      await service.stop();
      await connector.stop();
    },
  };
}

const mentioned = (p: Posted) => (p.entities ?? []).filter((e) => e.type === 'mention').map((e) => e.mentioned?.id);
const card = (p: Posted) => cardsIn([p])[0] ?? '';
const inTeam = (posts: Posted[], conversationId: string) => posts.filter((p) => p.conversation?.id === conversationId);

describe('reminders in the channel, Geneva and New York time, across the spring change', () => {
  let r: Rig;
  let zurichChannel: string;
  let nyChannel: string;
  const create = (from: ActivityOverrides['from'], data: Record<string, unknown>, team: { id: string; name: string } = TEAM) =>
    r.execute(from, 'workplan.item.create', { teamId: team.id, ...data }, team);

  beforeAll(async () => {
    r = await startRig('2027-03-08T15:00:00Z'); // a Monday, after 09:00 in Geneva and New York
    await r.send('bot-added-to-team');
    await r.send('bot-added-to-team', { team: NY_TEAM });
    const repos = createRepositories(openTables({ kind: 'connection-string', connectionString: testStorageConnection() }, r.service.tablePrefix));
    zurichChannel = (await repos.groups.get({ tenantId: TENANT_ID, teamId: TEAM.id }))!.value.channelConversationId!;
    nyChannel = (await repos.groups.get({ tenantId: TENANT_ID, teamId: NY_TEAM.id }))!.value.channelConversationId!;
    expect(
      await r.execute('amina', 'workplan.settings.save', {
        teamId: TEAM.id,
        timeZone: 'Europe/Zurich',
        digestDay: 'mon',
        digestTime: '09:00',
        dueSoonDays: '7, 1',
        overdueCadence: 'daily',
        escalateAfter: '2',
        workingDays: 'mon,tue,wed,thu,fri',
        organisations: 'ITU\nWHO',
      }),
    ).toContain('Settings saved. Next digest: Mar 15, 2027, 9:00 AM (Europe/Zurich)');
    expect(await r.execute(KENJI, 'workplan.settings.save', { teamId: NY_TEAM.id, timeZone: 'America/New_York' }, NY_TEAM)).toContain('Next digest: Mar 15, 2027, 9:00 AM (America/New_York)');
    await r.service.scheduler.tick(); // the cursor starts here
    expect(await create('sofia', { title: 'Rotate VPN keys', owner: USERS.sofia.aadObjectId, organisation: 'ITU', due: '2027-03-30' })).toContain('A-1');
    expect(await create('sofia', { title: 'Renew certificates', owner: USERS.sofia.aadObjectId, due: '2027-03-30' })).toContain('A-2');
    expect(await create('lars', { title: 'Update the policy', owner: USERS.lars.aadObjectId, organisation: 'WHO', due: '2027-03-30' })).toContain('A-3');
    expect(await create(KENJI, { title: 'Book the room', owner: KENJI.aadObjectId, due: '2027-03-16' }, NY_TEAM)).toContain('A-1');
  });
  afterAll(() => r?.stop());

  it('reminds New York at 09:00 EST (14:00Z) a week ahead', async () => {
    expect(await r.advance('2027-03-09T13:59:00Z')).toEqual([]);
    const posts = await r.advance('2027-03-09T14:00:00Z');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.conversation?.id).toBe(nyChannel);
    expect(card(posts[0]!)).toContain('Due soon — Kenji Sato');
    expect(card(posts[0]!)).toContain('A-1 Book the room — due 2027-03-16');
    expect(mentioned(posts[0]!)).toEqual([KENJI.id]);
    expect(posts[0]!.text).toContain('<at>Kenji Sato</at>');
  }, 60_000);

  it("posts the Geneva digest at 09:00 CET (08:00Z) and New York's at 09:00 EDT (13:00Z) after its change", async () => {
    expect(await r.advance('2027-03-15T07:59:00Z')).toEqual([]);
    const geneva = await r.advance('2027-03-15T08:00:00Z');
    expect(geneva).toHaveLength(1);
    expect(geneva[0]!.conversation?.id).toBe(zurichChannel);
    expect(card(geneva[0]!)).toContain('Weekly work-plan digest — 2027-03-15');
    expect(await r.advance('2027-03-15T12:59:00Z')).toEqual([]);
    const ny = await r.advance('2027-03-15T13:00:00Z');
    expect(
      ny
        .map(card)
        .map((c) => c.match(/Weekly work-plan digest|Due soon — Kenji Sato/)?.[0])
        .sort(),
    ).toEqual(['Due soon — Kenji Sato', 'Weekly work-plan digest']);
    expect(inTeam(ny, nyChannel)).toHaveLength(2);
    // Kenji finishes: New York gets no overdue reminders.
    expect(await r.execute(KENJI, 'workplan.item.done', { teamId: NY_TEAM.id, itemId: 1 }, NY_TEAM)).toContain('Kenji Sato changed status, progress.');
  }, 60_000);

  it('puts several items of one owner in one post, and each owner is mentioned in their own', async () => {
    expect(inTeam(await r.advance('2027-03-22T07:59:00Z'), zurichChannel)).toEqual([]);
    expect(inTeam(await r.advance('2027-03-22T08:00:00Z'), zurichChannel).map(card)).toEqual([expect.stringContaining('Weekly work-plan digest — 2027-03-22')]);
    expect(inTeam(await r.advance('2027-03-23T07:59:00Z'), zurichChannel)).toEqual([]);
    const posts = inTeam(await r.advance('2027-03-23T08:00:00Z'), zurichChannel);
    expect(posts).toHaveLength(2);
    const sofia = posts.find((p) => card(p).includes('Due soon — Sofia Marquez'))!;
    expect(card(sofia)).toContain('A-1 Rotate VPN keys — due 2027-03-30');
    expect(card(sofia)).toContain('A-2 Renew certificates — due 2027-03-30');
    expect(mentioned(sofia)).toEqual([USERS.sofia.id]);
    const lars = posts.find((p) => card(p).includes('Due soon — Lars Eriksen'))!;
    expect(card(lars)).toContain('A-3 Update the policy');
    expect(mentioned(lars)).toEqual([USERS.lars.id]);
  }, 60_000);

  it('moves to 09:00 CEST (07:00Z) after the March change; the digest lists what is due and what was done, with mentions', async () => {
    r.clock.at = new Date('2027-03-25T10:00:00Z');
    expect(await r.execute('sofia', 'workplan.item.done', { teamId: TEAM.id, itemId: 2 })).toContain('Sofia Marquez changed status');
    expect(inTeam(await r.advance('2027-03-29T06:59:00Z'), zurichChannel)).toEqual([]);
    const posts = inTeam(await r.advance('2027-03-29T07:00:00Z'), zurichChannel);
    const digest = posts.find((p) => card(p).includes('Weekly work-plan digest — 2027-03-29'))!;
    expect(digest).toBeDefined();
    const c = card(digest);
    expect(c).toContain('Overdue (0)');
    expect(c).toContain('Due in the next 14 days (2)');
    expect(c).toContain('A-1 Rotate VPN keys — 2027-03-30 — Sofia Marquez · ITU');
    expect(c).toContain('A-3 Update the policy — 2027-03-30 — Lars Eriksen · WHO');
    expect(c).toContain('Done since the last digest (1)');
    expect(c).toContain('A-2 Renew certificates');
    expect(c).toContain('"text":"Open: 2"');
    expect(c).toContain('"text":"Done: 1"');
    expect(c).toContain('"text":"ITU: 1"');
    expect(mentioned(digest).sort()).toEqual([USERS.lars.id, USERS.sofia.id].sort());
    // The day-before reminders: A-2 is done, so Sofia's post has A-1 only.
    const sofia = posts.find((p) => card(p).includes('Due soon — Sofia Marquez'))!;
    expect(card(sofia)).toContain('A-1 Rotate VPN keys');
    expect(card(sofia)).not.toContain('A-2');
    expect(posts).toHaveLength(3);
  }, 60_000);

  it('reminds about overdue items, escalates to the co-chairs, and drops a reminder whose item was re-dated', async () => {
    expect(inTeam(await r.advance('2027-03-31T06:59:00Z'), zurichChannel)).toEqual([]);
    const first = inTeam(await r.advance('2027-03-31T07:00:00Z'), zurichChannel);
    expect(first.map(card).filter((c) => c.includes('Overdue —'))).toHaveLength(2);
    expect(first.every((p) => !card(p).includes('Co-chairs, please follow up'))).toBe(true);
    // A co-chair gives Lars more time.
    r.clock.at = new Date('2027-03-31T09:00:00Z');
    expect(await r.execute('amina', 'workplan.item.due', { teamId: TEAM.id, itemId: 3, due: '2027-04-10' })).toContain('Amina Diallo changed due date.');
    const second = inTeam(await r.advance('2027-04-01T07:00:00Z'), zurichChannel);
    expect(second).toHaveLength(1);
    expect(card(second[0]!)).toContain('Overdue — Sofia Marquez');
    expect(card(second[0]!)).toContain('Co-chairs, please follow up: this is overdue reminder number 2.');
    expect(mentioned(second[0]!)).toEqual([USERS.sofia.id, USERS.amina.id]);
  }, 60_000);
});

describe('the autumn change, catching up after downtime, and a group that removed the bot', () => {
  let r: Rig;
  beforeAll(async () => {
    r = await startRig('2027-10-20T10:00:00Z'); // a Wednesday
    await r.send('bot-added-to-team');
    await r.service.scheduler.tick();
    expect(await r.execute('amina', 'workplan.settings.save', { teamId: TEAM.id, timeZone: 'Europe/Vienna' })).toContain('Next digest: Oct 25, 2027, 9:00 AM (Europe/Vienna)');
    expect(await r.execute('sofia', 'workplan.item.create', { teamId: TEAM.id, title: 'Annual report', owner: USERS.sofia.aadObjectId, due: '2028-03-01' })).toContain('A-1');
  });
  afterAll(() => r?.stop());

  it('posts the Monday digest at 07:00Z before the October change and 08:00Z after it', async () => {
    expect(await r.advance('2027-10-25T06:59:00Z')).toEqual([]);
    expect(await r.advance('2027-10-25T07:00:00Z')).toHaveLength(1);
    expect(await r.advance('2027-11-01T07:00:00Z')).toEqual([]);
    const posts = await r.advance('2027-11-01T08:00:00Z');
    expect(posts).toHaveLength(1);
    expect(card(posts[0]!)).toContain('Weekly work-plan digest — 2027-11-01');
    expect(card(posts[0]!)).not.toContain('This comes late');
  }, 60_000);

  it('after four weeks down, posts one digest that says it is late, then the next one on time', async () => {
    const posts = await r.advance('2027-11-29T10:00:00Z');
    expect(posts).toHaveLength(1);
    expect(card(posts[0]!)).toContain('This comes late: it was due Nov 8, 2027, 9:00 AM (Europe/Vienna)');
    expect(card(posts[0]!)).toContain('Weekly work-plan digest — 2027-11-29');
    expect(await r.advance('2027-12-06T07:59:00Z')).toEqual([]);
    const next = await r.advance('2027-12-06T08:00:00Z');
    expect(next).toHaveLength(1);
    expect(card(next[0]!)).not.toContain('This comes late');
  }, 120_000);

  it('moves pending reminders when a co-chair changes the time', async () => {
    expect(await r.execute('sofia', 'workplan.item.create', { teamId: TEAM.id, title: 'Close the audit', owner: USERS.sofia.aadObjectId, due: '2027-12-10' })).toContain('A-2');
    expect(await r.execute('amina', 'workplan.settings.save', { teamId: TEAM.id, digestTime: '10:30' })).toContain('Settings saved. Next digest: Dec 13, 2027, 10:30 AM (Europe/Vienna)');
    expect(await r.advance('2027-12-09T08:00:00Z')).toEqual([]); // 09:00 Vienna: no longer the time
    const posts = await r.advance('2027-12-09T09:30:00Z');
    expect(posts.map(card)).toEqual([expect.stringContaining('A-2 Close the audit — due 2027-12-10')]);
  });

  it('stops reminding a group whose channel answers 403 (bot removed)', async () => {
    r.connector.failNext({ status: 403, times: 5 });
    expect(await r.advance('2027-12-13T08:00:00Z')).toEqual([]);
    const repos = createRepositories(openTables({ kind: 'connection-string', connectionString: testStorageConnection() }, r.service.tablePrefix));
    expect((await repos.groups.get({ tenantId: TENANT_ID, teamId: TEAM.id }))?.value.active).toBe(false);
    expect(await r.advance('2027-12-20T08:00:00Z')).toEqual([]);
    expect(r.connector.requests.filter((q) => q.route === 'sendToConversation' || q.route === 'replyToActivity')).toHaveLength(0);
  }, 60_000);
});
