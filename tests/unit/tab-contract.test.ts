import type { QuorumContext } from '../../bot/src/features/storage';
import { createFeatures } from '../../bot/src/features/index';
import { itemWithEtag } from '../../bot/src/features/work-plan/routes/work-plan.contract';
import { standIn } from '../../manifest/commands';
import { checkResponse, ContractError } from '../../tab/src/lib/check-response';
import { CONTRACT, contractKey, expectContract } from '../support/tab-contract';

const item = {
  ref: 'WP-001',
  number: 1,
  title: 'Draft the charter',
  description: '',
  owner: { aadObjectId: '0d6b1c3e-5a7f-4e2b-8c9d-1f2e3a4b5c6d', name: 'Amina' },
  organisation: 'WHO',
  priority: 'high',
  status: 'open',
  progress: 0,
  due: '2027-01-10',
  area: null,
  sessionId: null,
  createdAt: '2027-01-04T10:00:00.000Z',
  updatedAt: '2027-01-04T10:00:00.000Z',
  doneAt: null,
};

describe('the tab API contract (bot/src/features/<feature>/routes/*.contract.ts)', () => {
  it('names every route the features serve, and no other', () => {
    const served = createFeatures(standIn() as QuorumContext).flatMap((f) => (f.routes ?? []).map((r) => `${r.method} ${r.path}`));
    expect(served.sort()).toEqual(Object.keys(CONTRACT).sort());
  });

  it('finds the route of a URL as restify does: literal paths before parameters', () => {
    expect(contractKey('GET', 'decisions/verify')).toBe('get decisions/verify');
    expect(contractKey('GET', 'decisions/D-2026-001')).toBe('get decisions/:ref');
    expect(contractKey('PUT', 'sessions/s1/live?x=1')).toBe('put sessions/:id/live');
    expect(() => contractKey('GET', 'nothing/here')).toThrow(/no route/);
  });

  it('holds a response to its route: a renamed field fails, naming the route and the field', () => {
    expect(() => expectContract('GET', 'items/WP-001', { item, etag: 'W/"1"' })).not.toThrow();
    const { status, ...renamed } = item;
    expect(() => expectContract('GET', 'items/WP-001', { item: { ...renamed, state: status }, etag: 'W/"1"' })).toThrow(/get items\/:ref: .*item\.status/);
  });

  it("the tab's development check answers the JSON as it came, and refuses a response its contract does not describe", () => {
    const json = { item, etag: 'W/"1"' };
    expect(checkResponse(itemWithEtag, json, 'GET /api/tab/items/WP-001')).toBe(json);
    const wrong = { item: { ...item, progress: '0' }, etag: 'W/"1"' };
    expect(() => checkResponse(itemWithEtag, wrong, 'GET /api/tab/items/WP-001')).toThrow(ContractError);
    expect(() => checkResponse(itemWithEtag, wrong, 'GET /api/tab/items/WP-001')).toThrow(/GET \/api\/tab\/items\/WP-001: .*item\.progress/);
  });
});
