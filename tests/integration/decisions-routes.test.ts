import type { Group } from '../../bot/src/kernel/group';
import type { Delivery, OutboundMessage } from '../../bot/src/kernel/notifications';
import { RolePolicy } from '../../bot/src/kernel/roles';
import { createI18n, translator } from '../../bot/src/platform/i18n/i18n';
import { createLogger } from '../../bot/src/platform/logging/logger';
import { DECISION_TABLES, groupPartition, recordRowKey } from '../../bot/src/features/decisions/storage/decision.entities';
import type { ApiRoute, ApiScope, Feature } from '../../bot/src/platform/teams/feature';
import type { BotDeps } from '../../bot/src/platform/teams/bot-deps';
import { FeatureRegistry } from '../../bot/src/platform/teams/feature-registry';
import { createDecisionsFeature } from '../../bot/src/features/decisions/decisions.feature';
import { LogCapture } from '../support/log-capture';
import { testTables } from '../support/storage';
import { withContract } from '../support/tab-contract';
import en from '../../bot/src/features/decisions/locales/en.json';

const TENANT = '5f2b2c7e-7b1e-4c1a-9d7e-0a1b2c3d4e5f';
const CHAIR = { tenantId: TENANT, aadObjectId: '0d6b1c3e-5a7f-4e2b-8c9d-1f2e3a4b5c6d', name: 'Amina Diallo' };
const MEMBER = { tenantId: TENANT, aadObjectId: '1e7c2d4f-6b8a-4f3c-9d0e-2a3b4c5d6e7f', name: 'Lars Eriksen' };

/** The tab API's handlers, called directly (the HTTP mounting is the lead's) with a scope built from stored data. */
describe('decisions routes of the tab API', () => {
  let feature: Feature;
  let deps: BotDeps;
  let group: Group;
  const posts: OutboundMessage[] = [];
  let chainTable: Awaited<ReturnType<typeof testTables>>['tables'];
  const t = translator(createI18n(), 'en');
  const route = (method: string, path: string): ApiRoute => withContract(feature.routes!.find((r) => r.method === method && r.path === path)!);
  const scope = (who: typeof CHAIR, role: 'co-chair' | 'member'): ApiScope => ({ deps, caller: who, group, role, t });

  beforeAll(async () => {
    const { tables, repos } = await testTables();
    chainTable = tables;
    group = { tenantId: TENANT, teamId: '19:tab@thread.tacv2', name: 'SIG', active: true, timeZone: 'UTC', installedAt: '2026-01-01T00:00:00Z' };
    for (const p of [CHAIR, MEMBER]) await repos.members.upsertProfile({ ...group, aadObjectId: p.aadObjectId, name: p.name, role: 'member', active: true, updatedAt: '' });
    const notifier = {
      postToGroup: async (_g: unknown, m: OutboundMessage): Promise<Delivery> => (posts.push(m), { status: 'sent', activityId: 'a1' }),
      postToConversation: async (): Promise<Delivery> => ({ status: 'inactive' }),
      update: async (): Promise<Delivery> => ({ status: 'inactive' }),
    };
    const ctx = {
      repos,
      roles: new RolePolicy(repos.members, [CHAIR]),
      clock: { now: () => new Date('2026-03-10T12:00:00Z') },
      logger: createLogger({ level: 'silent', pretty: false, destination: new LogCapture() }),
      notifier,
      scheduler: { schedule: async () => undefined },
      i18n: createI18n(),
      publicBaseUrl: 'http://127.0.0.1',
    };
    feature = createDecisionsFeature(ctx);
    deps = { ...ctx, allowedTenantIds: [], registry: new FeatureRegistry([feature]) };
  });

  it('declares list, detail and verify for members, and recording and the checkpoint for co-chairs', () => {
    expect(feature.routes!.map((r) => `${r.method} ${r.path} ${r.audience}`).sort()).toEqual([
      'get decisions member',
      'get decisions/:ref member',
      'get decisions/checkpoint co-chair',
      'get decisions/verify member',
      'post decisions co-chair',
    ]);
  });

  it('records from the tab, posts the card, then lists, shows and verifies', async () => {
    const res = await route('post', 'decisions').handle(scope(CHAIR, 'co-chair'), { params: {}, query: {}, body: { title: 'Tab decision', text: 'From the tab.', actionItemIds: ['ai-9'] } });
    expect(res).toMatchObject({ status: 201, json: { decision: { ref: 'D-2026-001', status: 'in-force', recordedByName: 'Amina Diallo', actionItemIds: ['ai-9'] }, posted: true } });
    expect(JSON.stringify(posts[0]?.card)).toContain('Tab decision');
    await route('post', 'decisions').handle(scope(CHAIR, 'co-chair'), { params: {}, query: {}, body: { title: 'Second', text: 'Budget approved.' } });

    const list = await route('get', 'decisions').handle(scope(MEMBER, 'member'), { params: {}, query: { q: 'budget' }, body: undefined });
    expect(list).toMatchObject({ json: { total: 1, page: 0, pages: 1, items: [{ ref: 'D-2026-002', title: 'Second' }] } });
    const detail = await route('get', 'decisions/:ref').handle(scope(MEMBER, 'member'), { params: { ref: 'D-2026-001' }, query: {}, body: undefined });
    expect(detail).toMatchObject({ json: { ref: 'D-2026-001', text: 'From the tab.' } });

    const verified = await route('get', 'decisions/verify').handle(scope(MEMBER, 'member'), { params: {}, query: {}, body: undefined });
    expect(verified).toMatchObject({ json: { ok: true, count: 2 } });
    expect(JSON.stringify(verified)).toContain('2 decisions, chain intact, head ');
  });

  it('refuses members, bad bodies and unknown references with domain errors', async () => {
    const post = route('post', 'decisions');
    await expect(post.handle(scope(MEMBER, 'member'), { params: {}, query: {}, body: { title: 'x', text: 'y' } })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(post.handle(scope(CHAIR, 'co-chair'), { params: {}, query: {}, body: { title: 'x', text: 'y', hash: 'forged' } })).rejects.toMatchObject({ code: 'validation' });
    await expect(post.handle(scope(CHAIR, 'co-chair'), { params: {}, query: {}, body: { title: '', text: 'y' } })).rejects.toMatchObject({ params: { reason: 'decisions.errors.emptyTitle' } });
    await expect(route('get', 'decisions/:ref').handle(scope(MEMBER, 'member'), { params: { ref: 'D-2026-077' }, query: {}, body: undefined })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('reports tampering through the verify route, naming the record', async () => {
    const table = chainTable.table(DECISION_TABLES.chain);
    await table.deleteEntity(groupPartition(group), recordRowKey(1));
    const res = await route('get', 'decisions/verify').handle(scope(MEMBER, 'member'), { params: {}, query: {}, body: undefined });
    expect(res).toMatchObject({ json: { ok: false, problem: 'record-missing', position: 1, before: 'D-2026-002' } });
    expect(JSON.stringify(res)).toContain(en.decisions.verify.problems['record-missing']);
  });
});
