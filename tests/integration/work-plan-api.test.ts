import type { WorkPlanSettingsRepository } from '../../bot/src/features/work-plan/domain/ports';
import { Writable } from 'node:stream';
import { RolePolicy } from '../../bot/src/kernel/roles';
import type { Group } from '../../bot/src/kernel/group';
import type { Delivery, Notifier, OutboundMessage } from '../../bot/src/kernel/notifications';
import type { JobSpec } from '../../bot/src/kernel/scheduling';
import { createI18n, translator } from '../../bot/src/platform/i18n/i18n';
import { createLogger } from '../../bot/src/platform/logging/logger';
import type { ApiRoute, ApiScope } from '../../bot/src/platform/teams/feature';
import type { BotDeps } from '../../bot/src/platform/teams/bot-deps';
import { FeatureRegistry } from '../../bot/src/platform/teams/feature-registry';
import { createWorkPlanFeature } from '../../bot/src/features/work-plan/work-plan.feature';
import { postWithMentions } from '../../bot/src/features/work-plan/chat/channel-post';
import { renderPostCard } from '../../bot/src/features/work-plan/cards/post-card';
import { testTables, testRepositories } from '../support/storage';
import { withContract } from '../support/tab-contract';

// Real storage and HTTP: give each hook and test room on a busy machine (package.json sets no testTimeout).
jest.setTimeout(60_000);

const TENANT = '5f2b2c7e-7b1e-4c1a-9d7e-0a1b2c3d4e5f';
const CHAIR = { tenantId: TENANT, aadObjectId: '0d6b1c3e-5a7f-4e2b-8c9d-1f2e3a4b5c6d', name: 'Amina' };
const MEMBER = { tenantId: TENANT, aadObjectId: '2f8d3e5a-7c9b-4a4d-8e1f-3b4c5d6e7f80', name: 'Sofia' };

/** The tab API's handlers, called directly with a scope built from stored data (the HTTP mounting is the lead's). */
describe('work-plan tab API routes', () => {
  const group: Group = { tenantId: TENANT, teamId: '19:api@thread.tacv2', name: 'G', active: true, timeZone: 'Europe/Zurich', installedAt: '' };
  let routes: ApiRoute[];
  let posted: OutboundMessage[];
  let deps: BotDeps;
  let settingsRepo: WorkPlanSettingsRepository;
  const i18n = createI18n();
  const t = translator(i18n, 'en');
  const scope = (who: typeof CHAIR, role: 'co-chair' | 'member'): ApiScope => ({ deps, caller: who, group, role, t });
  const route = (method: string, path: string) => withContract(routes.find((r) => r.method === method && r.path === path)!);
  const call = (method: string, path: string, who: typeof CHAIR, req: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown; headers?: Record<string, string> } = {}) =>
    route(method, path).handle(scope(who, who === CHAIR ? 'co-chair' : 'member'), { params: {}, query: {}, body: undefined, ...req } as never);

  beforeAll(async () => {
    const { tables, repos } = await testTables();
    settingsRepo = testRepositories(tables).workPlan.settings;
    for (const p of [CHAIR, MEMBER]) await repos.members.upsertProfile({ ...group, aadObjectId: p.aadObjectId, userId: `29:${p.name}`, name: p.name, role: 'member', active: true, updatedAt: '' });
    posted = [];
    const notifier: Notifier = {
      postToGroup: async (_g, m) => (posted.push(m), { status: 'sent', activityId: String(posted.length) }),
      postToConversation: async () => ({ status: 'sent', activityId: 'x' }),
      update: async () => ({ status: 'sent', activityId: 'x' }),
    };
    const jobs: JobSpec[] = [];
    const roles = new RolePolicy(repos.members, [CHAIR]);
    const clock = { now: () => new Date('2027-01-04T10:00:00Z') };
    const logger = createLogger({ level: 'silent', pretty: false, destination: new Writable({ write: (_c, _e, done) => done() }) });
    const feature = createWorkPlanFeature({
      repos,
      roles,
      clock,
      logger,
      notifier,
      scheduler: { schedule: async (j) => void jobs.push(j) },
      i18n,
      publicBaseUrl: 'http://127.0.0.1',
    });
    routes = [...(feature.routes ?? [])];
    deps = { repos, roles, clock, i18n, logger, allowedTenantIds: [], registry: new FeatureRegistry([feature]) };
  });

  it('creates, reads, filters and exports items', async () => {
    const created = await call('post', 'items', MEMBER, { body: { title: 'Rotate VPN keys', ownerId: MEMBER.aadObjectId, organisation: 'ITU', priority: 'high', due: '2027-02-01', area: 'Network' } });
    expect(created).toMatchObject({ status: 201, json: { item: { ref: 'A-1', owner: { name: 'Sofia' }, priority: 'high', due: '2027-02-01' } } });
    await call('post', 'items', CHAIR, { body: { title: '=cmd|calc', priority: 'low' } });
    const list = (q: Record<string, string>) => call('get', 'items', MEMBER, { query: q }).then((r) => ('json' in r ? (r.json as { items: { ref: string }[] }).items.map((i) => i.ref) : []));
    expect(await list({})).toEqual(['A-1', 'A-2']);
    expect(await list({ org: 'itu' })).toEqual(['A-1']);
    expect(await list({ priority: 'low,medium' })).toEqual(['A-2']);
    expect(await list({ dueFrom: '2027-01-15', dueTo: '2027-02-15' })).toEqual(['A-1']);
    expect(await list({ sort: 'ref', order: 'desc' })).toEqual(['A-2', 'A-1']);
    await expect(call('get', 'items', MEMBER, { query: { status: 'nonsense' } })).rejects.toMatchObject({ code: 'validation' });
    await expect(call('get', 'items', MEMBER, { query: { unknown: 'x' } })).rejects.toMatchObject({ code: 'validation' });
    const csv = await call('get', 'items.csv', MEMBER);
    expect(csv).toMatchObject({ contentType: 'text/csv; charset=utf-8', filename: 'action-items.csv' });
    expect('body' in csv && csv.body).toContain("A-2,'=cmd|calc,open,low");
  });

  it('patches with If-Match and reports a stale one', async () => {
    const got = await call('get', 'items/:ref', MEMBER, { params: { ref: 'A-1' } });
    const { etag } = (got as { json: { etag: string } }).json;
    const patched = await call('patch', 'items/:ref', MEMBER, { params: { ref: 'A-1' }, headers: { 'if-match': etag }, body: { progress: 30, note: 'started' } });
    expect(patched).toMatchObject({ json: { item: { progress: 30 } } });
    await expect(call('patch', 'items/:ref', CHAIR, { params: { ref: 'A-1' }, headers: { 'if-match': etag }, body: { progress: 90 } })).rejects.toMatchObject({ code: 'concurrent-update' });
    await expect(call('patch', 'items/:ref', CHAIR, { params: { ref: 'A-1' }, body: { progress: 90 } })).rejects.toMatchObject({ code: 'validation' });
    const history = (await call('get', 'items/:ref', MEMBER, { params: { ref: 'A-1' } })) as { json: { history: { field: string }[]; item: { progress: number } } };
    expect(history.json.item.progress).toBe(30);
    expect(history.json.history.map((h) => h.field)).toEqual(['created', 'progress', 'note']);
  });

  it('reads and writes settings (co-chairs), validating the time zone', async () => {
    await expect(call('get', 'settings', MEMBER)).rejects.toMatchObject({ code: 'forbidden' });
    const body = {
      timeZone: 'America/New_York',
      digestDay: 'fri',
      digestTime: '16:00',
      dueSoonDays: [3],
      overdueCadence: 'weekly',
      escalateAfter: 0,
      workingDays: ['mon', 'fri'],
      organisations: ['ITU'],
    };
    await expect(call('put', 'settings', CHAIR, { body: { ...body, timeZone: 'Nowhere/Land' } })).rejects.toMatchObject({ params: { reason: 'workPlan.errors.badTimeZone' } });
    await expect(call('put', 'settings', CHAIR, { body })).resolves.toMatchObject({ json: { settings: body } });
    await expect(call('get', 'settings', CHAIR)).resolves.toMatchObject({ json: { settings: { timeZone: 'America/New_York' } } });
  });

  it('lists each item with its ETag, usable for a PATCH without reading the item again', async () => {
    const list = (await call('get', 'items', MEMBER, { query: { sort: 'ref' } })) as { json: { items: { ref: string; etag: string; progress: number }[] } };
    const one = (await call('get', 'items/:ref', MEMBER, { params: { ref: 'A-1' } })) as { json: { etag: string } };
    const a1 = list.json.items.find((i) => i.ref === 'A-1')!;
    expect(a1.etag).toBe(one.json.etag);
    expect(new Set(list.json.items.map((i) => i.etag)).size).toBe(list.json.items.length);
    await expect(call('patch', 'items/:ref', MEMBER, { params: { ref: 'A-1' }, headers: { 'if-match': a1.etag }, body: { progress: a1.progress + 5 } })).resolves.toMatchObject({
      json: { item: { progress: a1.progress + 5 } },
    });
    // The ETag in the list is now stale: a second edit from the same list is reported, not applied.
    await expect(call('patch', 'items/:ref', CHAIR, { params: { ref: 'A-1' }, headers: { 'if-match': a1.etag }, body: { progress: 99 } })).rejects.toMatchObject({ code: 'concurrent-update' });
    const after = (await call('get', 'items', MEMBER, { query: { sort: 'ref' } })) as { json: { items: { ref: string; etag: string; progress: number }[] } };
    const a1After = after.json.items.find((i) => i.ref === 'A-1')!;
    expect(a1After.progress).toBe(a1.progress + 5);
    expect(a1After.etag).not.toBe(a1.etag);
  });

  it('tells each caller their own organisation with the list (from storage, not the request)', async () => {
    const me = async (who: typeof CHAIR, req: { query?: Record<string, string>; body?: unknown; headers?: Record<string, string> } = {}) =>
      ((await call('get', 'items', who, req)) as { json: { me: { organisation: string | null } } }).json.me;
    await expect(me(MEMBER)).resolves.toEqual({ organisation: null });
    await settingsRepo.setMemberOrganisation(group, MEMBER.aadObjectId.toLowerCase(), 'ITU');
    await expect(me(MEMBER)).resolves.toEqual({ organisation: 'ITU' });
    await expect(me(CHAIR)).resolves.toEqual({ organisation: null });
    // Nothing in the request changes whose organisation it is.
    await expect(me(CHAIR, { headers: { 'x-quorum-dev-user': `${TENANT}:${MEMBER.aadObjectId}` }, body: { aadObjectId: MEMBER.aadObjectId } })).resolves.toEqual({ organisation: null });
  });

  it('saves settings only against the version read: a stale If-Match is reported and stores nothing', async () => {
    const read = async () => (await call('get', 'settings', CHAIR)) as { json: { settings: Record<string, unknown>; etag: string | null } };
    const first = await read();
    expect(first.json.etag).toEqual(expect.any(String));
    const body = { ...first.json.settings, timeZone: 'Asia/Tokyo' };
    const saved = (await call('put', 'settings', CHAIR, { body, headers: { 'if-match': first.json.etag! } })) as { json: { etag: string } };
    expect(saved.json.etag).toBe((await read()).json.etag);
    // A second co-chair still holding the first version: refused with the catalogued message.
    const stale = call('put', 'settings', CHAIR, { body: { ...first.json.settings, timeZone: 'Europe/Vienna' }, headers: { 'if-match': first.json.etag! } });
    await expect(stale).rejects.toMatchObject({ code: 'concurrent-update', params: { reason: 'workPlan.errors.settingsChanged' } });
    expect((await read()).json.settings.timeZone).toBe('Asia/Tokyo');
    // The ETag in the body does the same, for clients that cannot set headers.
    await expect(call('put', 'settings', CHAIR, { body: { ...body, etag: first.json.etag } })).rejects.toMatchObject({ code: 'concurrent-update' });
    await expect(call('put', 'settings', CHAIR, { body: { ...body, timeZone: 'Europe/Vienna', etag: saved.json.etag } })).resolves.toMatchObject({ json: { settings: { timeZone: 'Europe/Vienna' } } });
  });

  it('creates settings only once from the defaults (If-None-Match: *), and a member can neither read nor write them', async () => {
    const other: Group = { ...group, teamId: '19:fresh@thread.tacv2' };
    for (const p of [CHAIR, MEMBER])
      await deps.repos.members.upsertProfile({ ...other, aadObjectId: p.aadObjectId, userId: `29:${p.name}`, name: p.name, role: 'member', active: true, updatedAt: '' });
    const at = (who: typeof CHAIR, method: string, req: { body?: unknown; headers?: Record<string, string> } = {}) =>
      route(method, 'settings').handle({ deps, caller: who, group: other, role: who === CHAIR ? 'co-chair' : 'member', t }, { params: {}, query: {}, body: undefined, ...req } as never);
    const defaults = (await at(CHAIR, 'get')) as { json: { settings: Record<string, unknown>; etag: string | null } };
    expect(defaults.json.etag).toBeNull();
    const body = { ...defaults.json.settings, organisations: ['WHO', 'ITU'] };
    await expect(at(MEMBER, 'put', { body, headers: { 'if-none-match': '*' } })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(at(MEMBER, 'get')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(at(CHAIR, 'put', { body, headers: { 'if-none-match': '*' } })).resolves.toMatchObject({ json: { settings: { organisations: ['WHO', 'ITU'] } } });
    // Someone else who also saw the defaults: their first save no longer applies.
    await expect(at(CHAIR, 'put', { body: { ...body, organisations: ['WFP'] }, headers: { 'if-none-match': '*' } })).rejects.toMatchObject({ code: 'concurrent-update' });
    expect(((await at(CHAIR, 'get')) as { json: { settings: { organisations: string[] } } }).json.settings.organisations).toEqual(['WHO', 'ITU']);
  });

  it('splits @mentions beyond 20 people over several posts', async () => {
    posted.length = 0;
    const people = Array.from({ length: 45 }, (_, i) => ({ userId: `29:u${i}`, name: `U${i}` }));
    const card = renderPostCard(t, { teamId: group.teamId, title: 'Digest', sections: [] });
    const d: Delivery = await postWithMentions(
      { postToGroup: async (_g, m) => (posted.push(m), { status: 'sent', activityId: '1' }) } as Notifier,
      group,
      card,
      [...people, people[0]!],
      'reminder:digest',
      'Also:',
    );
    expect(d.status).toBe('sent');
    expect(posted.map((p) => p.mentions?.length)).toEqual([20, 20, 5]);
    expect(posted[0]!.card).toBeDefined();
    expect(posted[1]).toMatchObject({ text: 'Also:' });
    expect(new Set(posted.flatMap((p) => p.mentions!.map((m) => m.userId))).size).toBe(45);
  });
});
