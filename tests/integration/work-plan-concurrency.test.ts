import { RolePolicy } from '../../bot/src/kernel/roles';
import type { JobSpec, Scheduler } from '../../bot/src/kernel/scheduling';
import { changeItem, createItem } from '../../bot/src/features/work-plan/domain/action-items.use-case';
import type { WorkPlanDeps } from '../../bot/src/features/work-plan/domain/work-plan-deps';
import type { Group } from '../../bot/src/kernel/group';
import { QuorumError } from '../../bot/src/kernel/errors';
import type { OpenItemsSource } from '../../bot/src/features/work-plan/domain/ports';
import { testTables } from '../support/storage';

// Real storage and HTTP: give each hook and test room on a busy machine (package.json sets no testTimeout).
jest.setTimeout(60_000);

const TENANT = '5f2b2c7e-7b1e-4c1a-9d7e-0a1b2c3d4e5f';
const CHAIR_A = { tenantId: TENANT, aadObjectId: '0d6b1c3e-5a7f-4e2b-8c9d-1f2e3a4b5c6d', name: 'Amina' };
const CHAIR_B = { tenantId: TENANT, aadObjectId: '1e7c2d4f-6b8a-4f3c-9d0e-2a3b4c5d6e7f', name: 'Lars' };
const MEMBER = { tenantId: TENANT, aadObjectId: '2f8d3e5a-7c9b-4a4d-8e1f-3b4c5d6e7f80', name: 'Sofia' };

describe('work-plan storage under concurrency (Azurite)', () => {
  let deps: WorkPlanDeps;
  let scheduled: JobSpec[];
  const group: Group = { tenantId: TENANT, teamId: '19:conc@thread.tacv2', name: 'G', active: true, timeZone: 'Europe/Zurich', installedAt: '2027-01-01T00:00:00Z' };
  const now = new Date('2027-01-04T10:00:00Z');

  beforeAll(async () => {
    const { repos } = await testTables();
    for (const p of [CHAIR_A, CHAIR_B, MEMBER]) {
      await repos.members.upsertProfile({ ...group, aadObjectId: p.aadObjectId, name: p.name, role: 'member', active: true, updatedAt: '' });
    }
    const b = await repos.members.get(group, CHAIR_B.aadObjectId);
    await repos.members.update({ ...b!.value, role: 'co-chair' }, b!.etag);
    scheduled = [];
    const scheduler: Scheduler = { schedule: async (job) => void scheduled.push(job) };
    deps = {
      repos,
      roles: new RolePolicy(repos.members, [CHAIR_A]),
      clock: { now: () => now },
      items: repos.workPlan.items,
      settings: repos.workPlan.settings,
      scheduler,
    };
    openItems = repos.workPlan.openItems;
  });
  let openItems: OpenItemsSource;

  it('gives 50 items created at once the references A-1..A-50, no duplicates, no gaps', async () => {
    const created = await Promise.all(Array.from({ length: 50 }, (_, i) => createItem(deps, MEMBER, group, { title: `Item ${i}`, due: '2027-02-01' })));
    const numbers = created.map((c) => c.value.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const stored = await deps.items.list(group);
    expect(stored).toHaveLength(50);
    expect(new Set(stored.map((i) => i.title)).size).toBe(50);
    // Every item got its "created" history entry, and the digest was scheduled once.
    expect((await deps.items.history(group, 17)).map((h) => h.field)).toEqual(['created']);
    expect(new Set(scheduled.filter((j) => j.kind === 'work-plan.digest').map((j) => j.key))).toEqual(new Set(['digest|2027-01-11']));
    const open = await openItems.openItems(group);
    expect(open).toHaveLength(50);
    expect(open.find((o) => o.ref === 'A-17')).toMatchObject({ id: 'A-17', title: expect.stringMatching(/^Item /), status: 'open', due: '2027-02-01' });
  }, 60_000);

  it('keeps both of two co-chairs changing the same item at the same moment', async () => {
    const { value } = await createItem(deps, MEMBER, group, { title: 'Shared', ownerId: MEMBER.aadObjectId });
    const [a, b] = await Promise.all([changeItem(deps, CHAIR_A, group, value.number, { progress: 40 }), changeItem(deps, CHAIR_B, group, value.number, { priority: 'critical', due: '2027-03-01' })]);
    expect(a.entries).toHaveLength(1);
    expect(b.entries).toHaveLength(2);
    const stored = (await deps.items.get(group, value.number))!.value;
    expect(stored).toMatchObject({ progress: 40, priority: 'critical', due: '2027-03-01', revision: 4 });
    const history = await deps.items.history(group, value.number);
    expect(history.map((h) => h.field).sort()).toEqual(['created', 'due', 'priority', 'progress']);
    expect(history.find((h) => h.field === 'progress')).toMatchObject({ by: CHAIR_A.aadObjectId, byName: 'Amina', from: '0', to: '40' });
  });

  it('reports (never overwrites) a change made with an ETag that is no longer current', async () => {
    const { value, etag } = await createItem(deps, MEMBER, group, { title: 'Versioned', ownerId: MEMBER.aadObjectId });
    await changeItem(deps, MEMBER, group, value.number, { progress: 10 }, etag);
    await expect(changeItem(deps, CHAIR_A, group, value.number, { progress: 90 }, etag)).rejects.toMatchObject({ code: 'concurrent-update' });
    expect((await deps.items.get(group, value.number))!.value.progress).toBe(10);
  });

  it('applies the rules on the server: owner or co-chair updates; only co-chairs change priority or drop', async () => {
    const { value } = await createItem(deps, CHAIR_A, group, { title: 'Rules', ownerId: MEMBER.aadObjectId });
    await expect(changeItem(deps, CHAIR_B, group, value.number, { priority: 'low' })).resolves.toBeDefined();
    await expect(changeItem(deps, MEMBER, group, value.number, { progress: 50 })).resolves.toBeDefined();
    const refuse = (p: Promise<unknown>) =>
      p.then(
        () => 'no error',
        (e: QuorumError) => e.params.reason,
      );
    expect(await refuse(changeItem(deps, MEMBER, group, value.number, { priority: 'high' }))).toBe('workPlan.errors.coChairPriority');
    expect(await refuse(changeItem(deps, MEMBER, group, value.number, { status: 'dropped' }))).toBe('workPlan.errors.coChairDrop');
    const other = await createItem(deps, MEMBER, group, { title: 'Not Sofia', ownerId: CHAIR_B.aadObjectId });
    expect(await refuse(changeItem(deps, MEMBER, group, other.value.number, { progress: 5 }))).toBe('workPlan.errors.ownerOrCoChair');
    const outsider = { tenantId: TENANT, aadObjectId: '9a9a9a9a-0000-4000-8000-000000000000' };
    await expect(changeItem(deps, outsider, group, value.number, { progress: 5 })).rejects.toMatchObject({ code: 'not-a-member' });
    expect((await deps.items.get(group, value.number))!.value).toMatchObject({ priority: 'low', progress: 50, status: 'open' });
  });
});
