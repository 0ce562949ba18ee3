import { startBotConnector, type BotConnector } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { cardsIn, textsIn } from '../support/bot-harness';
import { startTestService, type TestService } from '../support/service';
import { testRepositories, testStorageConnection } from '../support/storage';
import { openTables, type QuorumTables } from '../../bot/src/features/storage';
import { RolePolicy } from '../../bot/src/kernel/roles';
import { createI18n, translator } from '../../bot/src/platform/i18n/i18n';
import { createLogger } from '../../bot/src/platform/logging/logger';
import { createSessionsFeature } from '../../bot/src/features/sessions/sessions.feature';
import type { SessionRepository } from '../../bot/src/features/sessions/domain/session';
import type { ApiRoute, ApiScope } from '../../bot/src/platform/teams/feature';
import { FeatureRegistry } from '../../bot/src/platform/teams/feature-registry';
import { withContract } from '../support/tab-contract';
import catalog from '../../bot/src/features/sessions/locales/en.json';

const en = catalog.sessions;

const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const SESSION_ID = 's0123456789abcdef';

describe('sessions: plan, show, remind, calendar file', () => {
  let connector: BotConnector;
  let service: TestService;
  let tables: QuorumTables;
  let sessions: SessionRepository;
  let routes: readonly ApiRoute[];
  let now = new Date('2027-01-10T09:00:00Z');

  const send = (from: 'amina' | 'lars' | 'sofia', verb: string, data: Record<string, unknown>) =>
    service.post(loadActivity('invoke-adaptive-card-action', { serviceUrl: connector.url, from, cardAction: { verb, data: { teamId: TEAM.id, ...data } } }));
  const text = (res: { body: unknown }) => JSON.stringify(res.body);
  const fields = {
    title: 'Executive session 2027',
    startDate: '2027-02-15',
    startTime: '09:30',
    endDate: '2027-02-15',
    endTime: '17:00',
    timeZone: 'Europe/Zurich',
    place: 'Palais des Nations, Room XVII',
    onlineUrl: 'https://teams.microsoft.com/l/meetup-join/abc',
    description: 'Yearly session ${$root.teamId} **not bold**',
    agenda: 'Work-plan review | Co-chairs | 45 | A-12, A-14\nThreat landscape | UNICC | 30 | | p0123456789abcdef\nAOB',
  };

  /** The tab API over HTTP, as the tab calls it (development identity on a local run). */
  async function http(path: string) {
    const res = await fetch(`${service.url}/api/tab/${path}`, { headers: { 'X-Quorum-Dev-User': `${TENANT_ID}:${USERS.sofia.aadObjectId}`, 'X-Quorum-Team': TEAM.id } });
    return { status: res.status, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '', body: await res.text() };
  }

  /** The sessions feature built with a work-plan port, its route called directly (the port is not wired in the service yet). */
  async function routeWithPort(path: string) {
    const repos = testRepositories(tables);
    const roles = new RolePolicy(repos.members, []);
    const i18n = createI18n();
    const logger = createLogger({ level: 'silent', pretty: false });
    const stored = await repos.groups.get(group);
    const deps = { repos, roles, clock: { now: () => now }, i18n, logger, allowedTenantIds: [], registry: new FeatureRegistry([]) };
    const scope: ApiScope = { deps, caller: { tenantId: TENANT_ID, aadObjectId: USERS.sofia.aadObjectId }, group: stored!.value, role: 'member', t: translator(i18n, 'en') };
    return withContract(routes.find((r) => r.path === path)!).handle(scope, { params: {}, query: {}, body: undefined });
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
    const repos = testRepositories(tables);
    sessions = repos.sessions.sessions;
    routes =
      createSessionsFeature(
        {
          repos,
          roles: new RolePolicy(repos.members, []),
          clock: { now: () => now },
          logger: createLogger({ level: 'silent', pretty: false }),
          notifier: { postToGroup: async () => ({ status: 'inactive' }), postToConversation: async () => ({ status: 'inactive' }), update: async () => ({ status: 'inactive' }) },
          scheduler: { schedule: async () => undefined },
          i18n: createI18n(),
          publicBaseUrl: 'http://127.0.0.1',
        },
        { openItems: { openItems: async () => [{ id: 'i1', ref: 'A-12', title: 'Patch policy' }] } },
      ).routes ?? [];
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
    await connector?.stop();
  });

  it('lets a co-chair plan a session from the card form; the times are in its time zone', async () => {
    const formRes = await send('amina', 'session.form', {});
    expect(text(formRes)).toContain(en.form.newTitle);
    const res = await send('amina', 'session.save', { sessionId: SESSION_ID, ...fields });
    expect(text(res)).toContain(en.card.saved);
    const stored = (await sessions.get(group, SESSION_ID))!.value;
    expect(stored.startsAt.toISOString()).toBe('2027-02-15T08:30:00.000Z');
    expect(stored.endsAt.toISOString()).toBe('2027-02-15T16:00:00.000Z');
    expect(stored.agenda).toEqual([
      { title: 'Work-plan review', presenter: 'Co-chairs', minutes: 45, actionItemIds: ['A-12', 'A-14'], pollIds: [] },
      { title: 'Threat landscape', presenter: 'UNICC', minutes: 30, actionItemIds: [], pollIds: ['p0123456789abcdef'] },
      { title: 'AOB', actionItemIds: [], pollIds: [] },
    ]);
    // User text is shown literally (TextRun), never evaluated.
    expect(JSON.stringify((res.body as { value: unknown }).value)).toContain(`{"type":"TextRun","text":${JSON.stringify(fields.description)}}`);
  });

  it('refuses a member, and bad input with a clear message, storing nothing', async () => {
    expect(text(await send('sofia', 'session.save', { sessionId: 's1111111111111111', ...fields }))).toContain('Only a co-chair');
    const cases: [Record<string, string>, string][] = [
      [{ title: ' ' }, en.errors.emptyTitle],
      [{ startDate: '2027-02-31' }, en.errors.badDate],
      [{ endTime: '08:00' }, en.errors.endBeforeStart],
      [{ timeZone: 'Mars/Olympus' }, en.errors.badTimeZone],
      [{ onlineUrl: 'javascript:alert(1)' }, en.errors.badUrl],
      [{ agenda: 'Item | X | lots' }, en.errors.badAgendaLine.replace('{{line}}', '1').split(':')[0]!],
    ];
    for (const [change, message] of cases) {
      expect(text(await send('amina', 'session.save', { sessionId: 's2222222222222222', ...fields, ...change }))).toContain(message);
    }
    expect(text(await send('amina', 'session.save', { sessionId: 's2222222222222222', ...fields, color: 'red' }))).toContain("That input isn't valid");
    expect(await sessions.get(group, 's1111111111111111')).toBeUndefined();
    expect(await sessions.get(group, 's2222222222222222')).toBeUndefined();
  });

  it('shows the next session with its agenda on `next session`', async () => {
    connector.clear();
    await service.post(loadActivity('personal-message', { serviceUrl: connector.url, from: 'sofia', text: 'next session' }));
    const card = cardsIn(connector.activities()).join();
    expect(card).toContain('Executive session 2027');
    expect(card).toContain('Work-plan review');
    expect(card).toContain('Feb 15, 2027, 9:30 AM (Europe/Zurich)');
    expect(card).toContain(en.card.noReview);
    expect(card).not.toContain('session.form');
  });

  it('edits under the ETag the form was read at, and refuses a stale edit', async () => {
    const formRes = await send('amina', 'session.form', { sessionId: SESSION_ID });
    const etag = /"etag":"((?:[^"\\]|\\.)*)"/.exec(JSON.stringify((formRes.body as { value: unknown }).value))?.[1];
    expect(etag).toBeDefined();
    const etagValue = JSON.parse(`"${etag!}"`) as string;
    expect(text(await send('amina', 'session.save', { sessionId: SESSION_ID, etag: etagValue, ...fields, title: 'Executive session 2027 (moved)', startTime: '10:00' }))).toContain(en.card.saved);
    expect(text(await send('amina', 'session.save', { sessionId: SESSION_ID, etag: etagValue, ...fields, title: 'Stale edit' }))).toContain('Someone else changed this');
    expect((await sessions.get(group, SESSION_ID))!.value.title).toBe('Executive session 2027 (moved)');
  });

  it('reminds the channel 14 days and 1 day before (the moved start), once each', async () => {
    connector.clear();
    now = new Date('2027-02-01T09:00:30Z'); // 14 days before 10:00 Zurich = 09:00 UTC
    await service.scheduler.tick();
    let posted = cardsIn(connector.activities()).join();
    expect(posted).toContain(en.reminder['14d']);
    expect(posted).toContain('Executive session 2027 (moved)');
    connector.clear();
    now = new Date('2027-02-14T09:00:30Z');
    await service.scheduler.tick();
    posted = cardsIn(connector.activities()).join();
    expect(posted).toContain(en.reminder['1d']);
    expect(posted).not.toContain(en.reminder['14d']);
    connector.clear();
    await service.scheduler.tick();
    expect(cardsIn(connector.activities())).toHaveLength(0);
    expect(textsIn(connector.activities())).toHaveLength(0);
  });

  it('serves the list, next, detail and .ics routes to the tab', async () => {
    now = new Date('2027-02-14T12:00:00Z');
    const list = await http('sessions');
    expect(list.status).toBe(200);
    expect((JSON.parse(list.body) as { id: string }[]).map((s) => s.id)).toEqual([SESSION_ID]);
    expect(JSON.parse((await http('sessions/next')).body)).toMatchObject({ id: SESSION_ID, review: [] });
    expect(JSON.parse((await http(`sessions/${SESSION_ID}`)).body)).toMatchObject({ title: 'Executive session 2027 (moved)', timeZone: 'Europe/Zurich' });
    const ics = await http(`sessions/${SESSION_ID}/ics`);
    expect(ics.type).toMatch(/^text\/calendar/);
    expect(ics.disposition).toBe(`attachment; filename="session-${SESSION_ID}.ics"`);
    expect(ics.body).toContain('BEGIN:VEVENT');
    expect(ics.body).toContain('DTSTART:20270215T090000Z');
    expect(ics.body).toContain('DTEND:20270215T160000Z');
    expect(ics.body).toContain('SUMMARY:Executive session 2027 (moved)');
    expect(ics.body).toContain('LOCATION:Palais des Nations\\, Room XVII');
    expect((await http('sessions/s9999999999999999')).status).toBe(404);
  });

  it('carries open action items into the next session through the work-plan port', async () => {
    const next = (await routeWithPort('sessions/next')) as { json: { id: string; review: { ref: string }[] } };
    expect(next.json).toMatchObject({ id: SESSION_ID, review: [{ ref: 'A-12' }] });
  });
});
