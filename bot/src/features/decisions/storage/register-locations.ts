import type { TableClient } from '@azure/data-tables';
import type { DecisionStore, RegisterLocation } from '../domain/ports';
import type { GroupRef } from '../../../kernel/identity';
import { guard } from '../../../platform/storage/storage-errors';
import { groupPartition } from './decision.entities';

/**
 * Every register the verifier must check: those found from the register's own rows, and
 * one for every installed group (the groups table) that has none, so that a group whose
 * rows were all removed is at least listed with its count of 0 (and fails an --expect).
 */
export async function allRegisters(store: DecisionStore, groupsTable: TableClient): Promise<RegisterLocation[]> {
  const found = await store.registers();
  const seen = new Set(found.map((l) => l.where));
  for (const group of await installedGroups(groupsTable)) {
    const where = groupPartition(group);
    if (!seen.has(where)) {
      seen.add(where);
      found.push({ group, where, strays: 0 });
    }
  }
  return found;
}

async function installedGroups(table: TableClient): Promise<GroupRef[]> {
  return guard(async () => {
    const out: GroupRef[] = [];
    for await (const e of table.listEntities<{ tenantId?: unknown; teamId?: unknown }>({ queryOptions: { select: ['tenantId', 'teamId'] } })) {
      if (typeof e.tenantId === 'string' && typeof e.teamId === 'string') out.push({ tenantId: e.tenantId, teamId: e.teamId });
    }
    return out;
  });
}
