import type { LiveStateRepository } from '../../bot/src/features/sessions/domain/live-state';
import { testRepositories } from '../support/storage';
import { startBotConnector, type BotConnector } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { catalogPatterns, isCatalogued } from '../support/catalog';
import { startTestService, type TestService } from '../support/service';
import catalog from '../../bot/src/features/sessions/locales/en.json';
import { tabApi } from '../support/tab';

jest.setTimeout(60_000);

const en = catalog.sessions;
const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const SESSION_ID = 's00000000000000aa';

/** The session view's API over real HTTP: the shared agenda timer and the session's outcomes. */
describe('tab API: session live state and outcomes', () => {
  let connector: BotConnector;
  let service: TestService;
  let live: LiveStateRepository;
  let now = new Date('2027-02-01T10:00:00Z');

  const api = tabApi(() => service.url);
  type LiveJson = { live: { current: number; running: boolean; runningSince: string | null; elapsedMs: number[] }; etag: string; now: string };
  const readLive = () => api<LiveJson>('sofia', 'GET', `sessions/${SESSION_ID}/live`);
  const errorOf = (r: { json: unknown }) => (r.json as { error: { code: string; message: string } }).error;

  beforeAll(async () => {
    connector = await startBotConnector();
    connector.setTeam({ id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId });
    const roster = (['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u));
    connector.setMembers(TEAM.id, roster);
    connector.setMembers(TEAM.selectedChannel.id, roster);
    service = await startTestService({ INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId}` }, { clock: { now: () => now } });
    await service.post(loadActivity('bot-added-to-team', { serviceUrl: connector.url }));
    live = testRepositories(service.tables).sessions.live;
    // Planned in chat, as co-chairs do: 09:30–17:00 in Geneva, three agenda items.
    const saved = await service.post(
      loadActivity('invoke-adaptive-card-action', {
        serviceUrl: connector.url,
        from: 'amina',
        cardAction: {
          verb: 'session.save',
          data: {
            teamId: TEAM.id,
            sessionId: SESSION_ID,
            title: 'Executive session 2027',
            startDate: '2027-02-15',
            startTime: '09:30',
            endDate: '2027-02-15',
            endTime: '17:00',
            timeZone: 'Europe/Zurich',
            agenda: 'Opening | Co-chairs | 10\nWork-plan review | Co-chairs | 45\nAOB',
          },
        },
      }),
    );
    expect(JSON.stringify(saved.body)).toContain(en.card.saved);
    // An item from before the session: carried forward, not one of its new items.
    expect((await api('amina', 'POST', 'items', { title: 'Older item' })).status).toBe(201);
    now = new Date('2027-02-15T09:00:00Z');
  });
  afterAll(async () => {
    await service?.stop();
    await connector?.stop();
  });

  it('answers an idle state (first item, paused) before anyone starts the timer', async () => {
    const r = await readLive();
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ live: { current: 0, running: false, runningSince: null, elapsedMs: [0, 0, 0], updatedAt: now.toISOString() }, etag: '', now: now.toISOString() });
  });

  it('refuses a member writing the live state (403) and stores nothing', async () => {
    const r = await api('sofia', 'PUT', `sessions/${SESSION_ID}/live`, { currentItem: 1, running: true });
    expect(r.status).toBe(403);
    expect(errorOf(r).code).toBe('forbidden');
    expect(await live.get(group, SESSION_ID)).toBeUndefined();
  });

  it('lets a co-chair start, move and pause the timer, timed by the server clock', async () => {
    const started = await api<LiveJson>('amina', 'PUT', `sessions/${SESSION_ID}/live`, { currentItem: 0, running: true });
    expect(started.status).toBe(200);
    expect(started.json.live).toMatchObject({ current: 0, running: true, runningSince: now.toISOString() });
    now = new Date(now.getTime() + 90_000);
    const moved = await api<LiveJson>('amina', 'PUT', `sessions/${SESSION_ID}/live`, { currentItem: 1, running: true }, { 'if-match': started.json.etag });
    expect(moved.status).toBe(200);
    expect(moved.json.live).toMatchObject({ current: 1, running: true, elapsedMs: [90_000, 0, 0] });
    now = new Date(now.getTime() + 30_000);
    const paused = await api<LiveJson>('amina', 'PUT', `sessions/${SESSION_ID}/live`, { currentItem: 1, running: false }, { 'if-match': moved.json.etag });
    expect(paused.json.live).toMatchObject({ current: 1, running: false, runningSince: null, elapsedMs: [90_000, 30_000, 0] });
    // Every screen reads the same state.
    expect((await readLive()).json).toMatchObject({ live: paused.json.live, etag: paused.json.etag });
    expect((await live.get(group, SESSION_ID))!.value.updatedBy).toBe(USERS.amina.aadObjectId);
  });

  it('refuses a stale or missing If-Match with a catalogued conflict, never moving twice', async () => {
    const before = await readLive();
    const stale = await api('amina', 'PUT', `sessions/${SESSION_ID}/live`, { currentItem: 2, running: true }, { 'if-match': 'W/"datetime\'2000-01-01T00%3A00%3A00Z\'"' });
    expect(stale.status).toBe(409);
    expect(errorOf(stale)).toEqual({ code: 'concurrent-update', message: en.errors.liveChanged });
    const missing = await api('amina', 'PUT', `sessions/${SESSION_ID}/live`, { currentItem: 2, running: true });
    expect(missing.status).toBe(409);
    expect((await readLive()).json).toEqual(before.json);
  });

  it('refuses bad bodies with 400 and a catalogued message', async () => {
    const patterns = catalogPatterns('en');
    const { json } = await readLive();
    const bodies: unknown[] = [{ currentItem: 'next', running: true }, { currentItem: 1 }, { currentItem: -1, running: true }, { currentItem: 1.5, running: true }, [], 'null'];
    for (const body of bodies) {
      const r = await api('amina', 'PUT', `sessions/${SESSION_ID}/live`, body, { 'if-match': json.etag });
      expect(r.status).toBe(400);
      expect(isCatalogued(errorOf(r).message, patterns)).toBe(true);
    }
    const beyond = await api('amina', 'PUT', `sessions/${SESSION_ID}/live`, { currentItem: 3, running: true }, { 'if-match': json.etag });
    expect(beyond.status).toBe(400);
    expect(errorOf(beyond).message).toBe(en.errors.badAgendaItem_other.replace('{{count}}', '3'));
    expect((await readLive()).json.etag).toBe(json.etag);
  });

  it('ignores identity in the body: a user id there is refused, the writer is the caller', async () => {
    const { json } = await readLive();
    const forged = await api(
      'amina',
      'PUT',
      `sessions/${SESSION_ID}/live`,
      { currentItem: 2, running: false, updatedBy: USERS.sofia.aadObjectId, aadObjectId: USERS.sofia.aadObjectId },
      { 'if-match': json.etag },
    );
    expect(forged.status).toBe(400);
    const byMember = await api('sofia', 'PUT', `sessions/${SESSION_ID}/live`, { currentItem: 2, running: false, aadObjectId: USERS.amina.aadObjectId }, { 'if-match': json.etag });
    expect(byMember.status).toBe(403);
    const stored = (await live.get(group, SESSION_ID))!.value;
    expect(stored.current).toBe(1);
    expect(stored.updatedBy).toBe(USERS.amina.aadObjectId);
  });

  it('answers 404 for an unknown session and refuses another team', async () => {
    for (const id of ['s0000000000000bad', 'not a session!']) {
      const get = await api('amina', 'GET', `sessions/${encodeURIComponent(id)}/live`);
      expect(get.status).toBe(404);
      expect(errorOf(get).message).toBe(en.errors.notFound);
      expect((await api('amina', 'PUT', `sessions/${encodeURIComponent(id)}/live`, { currentItem: 0, running: true })).status).toBe(404);
      expect((await api('amina', 'GET', `sessions/${encodeURIComponent(id)}/outcomes`)).status).toBe(404);
    }
    for (const [method, path] of [
      ['GET', 'live'],
      ['PUT', 'live'],
      ['GET', 'outcomes'],
    ] as const) {
      const r = await api('amina', method, `sessions/${SESSION_ID}/${path}`, method === 'PUT' ? { currentItem: 0, running: true } : undefined, {
        'x-quorum-team': '19:someone-elses-team@thread.tacv2',
      });
      expect([403, 404]).toContain(r.status);
    }
  });

  it("lists the session's decisions and the action items it created so far", async () => {
    const decided = await api<{ decision: { ref: string } }>('amina', 'POST', 'decisions', { title: 'Adopt the MFA baseline', text: 'All members enforce MFA by June.', sessionId: SESSION_ID });
    expect(decided.status).toBe(201);
    expect((await api('amina', 'POST', 'decisions', { title: 'Unrelated', text: 'Outside any session.' })).status).toBe(201);
    expect((await api('sofia', 'POST', 'items', { title: 'Draft the MFA guide', organisation: 'WHO' })).status).toBe(201);
    const r = await api<{ decisions: { ref: string; title: string }[]; items: { title: string; status: string }[] }>('sofia', 'GET', `sessions/${SESSION_ID}/outcomes`);
    expect(r.status).toBe(200);
    expect(r.json.decisions).toEqual([expect.objectContaining({ ref: decided.json.decision.ref, title: 'Adopt the MFA baseline', status: 'in-force' })]);
    expect(r.json.items).toEqual([expect.objectContaining({ title: 'Draft the MFA guide', status: 'open', organisation: 'WHO' })]);
  });

  it('reads one session, and the co-chairs a co-chair manages, as the tab does (each answer held to its contract)', async () => {
    const one = await api<{ id: string; title: string; agenda: unknown[] }>('sofia', 'GET', `sessions/${SESSION_ID}`);
    expect(one.json).toMatchObject({ id: SESSION_ID, title: 'Executive session 2027' });
    expect(one.json.agenda).toHaveLength(3);
    const listed = await api<{ coChairs: { aadObjectId: string; configured: boolean }[] }>('sofia', 'GET', 'cochairs');
    expect(listed.json.coChairs).toEqual([expect.objectContaining({ aadObjectId: USERS.amina.aadObjectId, configured: true })]);
    const made = await api<{ coChairs: { aadObjectId: string }[] }>('amina', 'PUT', `cochairs/${USERS.lars.aadObjectId}`, { coChair: true });
    expect(made.status).toBe(200);
    expect(made.json.coChairs.map((c) => c.aadObjectId).sort()).toEqual([USERS.amina.aadObjectId, USERS.lars.aadObjectId].sort());
  });
});
