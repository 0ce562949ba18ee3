import { randomUUID } from 'node:crypto';
import { odata } from '@azure/data-tables';
import type { ActionItem } from '../../bot/src/features/work-plan/domain/action-item';
import { filterItems } from '../../bot/src/features/work-plan/domain/item-query';
import type { ActionItemRepository } from '../../bot/src/features/work-plan/domain/ports';
import { testTables } from '../support/storage';

jest.setTimeout(90_000);

const AT = '2027-01-04T08:00:00.000Z';
const by = { at: AT, by: 'seed', byName: 'Seed' };

/**
 * `items` reads the caller's open items (and their organisation's) through an index kept in
 * the same transactions as the items. Whatever happens to the items, the index answers what
 * the whole plan, filtered, answers; a group stored before the index gets one built.
 */
describe("the work plan's index of open items by owner and organisation", () => {
  const people = { me: randomUUID(), other: randomUUID() };
  let items: ActionItemRepository;
  let group: { tenantId: string; teamId: string };
  let table: Awaited<ReturnType<typeof testTables>>['tables'];

  const viaIndex = async (mine: { aadObjectId: string; organisation?: string }) => (await items.openOf(group, mine))?.map((i) => i.number).sort((a, b) => a - b);
  const viaPlan = async (mine: { aadObjectId: string; organisation?: string }) =>
    filterItems(await items.list(group), { open: true, mine })
      .map((i) => i.number)
      .sort((a, b) => a - b);
  const until = async <T>(read: () => Promise<T | undefined>): Promise<T> => {
    for (let i = 0; i < 100; i++) {
      const v = await read();
      if (v !== undefined) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('index never became ready');
  };
  const create = async (fields: Partial<ActionItem>) =>
    (
      await items.create(
        { ...group, title: 'T', description: '', status: 'open', progress: 0, priority: 'medium', createdBy: people.other, createdAt: AT, updatedAt: AT, ...fields },
        { ...by, field: 'created' },
      )
    ).value;
  const change = async (number: number, fields: Partial<ActionItem>) => {
    const current = (await items.get(group, number))!;
    await items.update({ ...current.value, ...fields }, current.etag, [{ ...by, field: 'status' }], current.value);
  };

  beforeAll(async () => {
    const t = await testTables();
    table = t.tables;
    items = t.repos.workPlan.items;
    group = { tenantId: randomUUID(), teamId: `19:${randomUUID()}@thread.tacv2` };
  });

  it('builds itself for a plan stored before it, then answers what the plan answers through every change', async () => {
    // Items written, then the index rows removed: a group as stored before the index existed.
    for (let i = 0; i < 6; i++) await create({ ownerId: i % 2 ? people.me : people.other, ...(i === 4 ? { organisation: 'UNICC' } : {}) });
    const pk = (
      await table
        .table('workItems')
        .listEntities({ queryOptions: { filter: odata`RowKey eq ${'item|0000000001'}` } })
        .next()
    ).value!.partitionKey as string;
    for await (const r of table.table('workItems').listEntities({ queryOptions: { filter: odata`PartitionKey eq ${pk}` } })) {
      if (!String(r.rowKey).startsWith('item|') && !String(r.rowKey).startsWith('hist|') && r.rowKey !== 'counter') await table.table('workItems').deleteEntity(pk, r.rowKey!);
    }
    const mine = { aadObjectId: people.me, organisation: 'unicc' };
    expect(await items.openOf(group, mine)).toBeUndefined(); // not built yet: the caller reads the plan
    expect(await until(() => viaIndex(mine))).toEqual(await viaPlan(mine));
    expect(await viaIndex(mine)).toEqual([2, 4, 5, 6]);

    const a = await create({ ownerId: people.me.toUpperCase() });
    await change(2, { status: 'done', progress: 100, doneAt: AT });
    await change(4, { ownerId: people.other });
    await change(1, { ownerId: people.me });
    await change(3, { organisation: 'UNICC' });
    await change(5, { organisation: 'Another organisation' });
    const removed = (await items.get(group, 6))!;
    await items.remove(removed.value, removed.etag, { ...by, field: 'deleted' });
    expect(await viaIndex(mine)).toEqual(await viaPlan(mine));
    expect(await viaIndex(mine)).toEqual([1, 3, a.number]);
    expect(await viaIndex({ aadObjectId: people.other })).toEqual(await viaPlan({ aadObjectId: people.other }));
    // Read once more: tombstones seen before are cleared, the answer stays.
    expect(await viaIndex(mine)).toEqual([1, 3, a.number]);
  });

  it("keeps no copy of an erased person's id", async () => {
    const t = await testTables();
    const g = { tenantId: randomUUID(), teamId: `19:${randomUUID()}@thread.tacv2` };
    const erased = randomUUID();
    const repo = t.repos.workPlan.items;
    for (let i = 0; i < 3; i++)
      await repo.create(
        { ...g, title: `Item ${i}`, description: '', status: 'open', progress: 0, priority: 'medium', ownerId: erased, organisation: 'UNICC', createdBy: erased, createdAt: AT, updatedAt: AT },
        { ...by, field: 'created' },
      );
    expect(await repo.openOf(g, { aadObjectId: erased })).toBeUndefined();
    expect(await until(() => repo.openOf(g, { aadObjectId: erased }))).toHaveLength(3);
    await t.repos.workPlan.person.erasePerson({ tenantId: g.tenantId, aadObjectId: erased, groups: [g] });
    const rows: unknown[] = [];
    for await (const r of t.tables.table('workItems').listEntities()) rows.push(r);
    expect(JSON.stringify(rows)).not.toContain(erased);
    expect(await repo.openOf(g, { aadObjectId: erased })).toEqual([]);
    expect((await repo.openOf(g, { aadObjectId: randomUUID(), organisation: 'UNICC' }))?.map((i) => i.ownerId)).toEqual([undefined, undefined, undefined]);
  });
});
