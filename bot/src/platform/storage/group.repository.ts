import { odata, type TableClient } from '@azure/data-tables';
import type { Group } from '../../kernel/group';
import type { GroupRef } from '../../kernel/identity';
import { isLanguage } from '../../kernel/languages';
import { plainName } from '../../kernel/plain-text';
import type { GroupRepository } from '../../kernel/ports';
import type { Versioned } from '../../kernel/versioned';
import { toKey } from './keys';
import { getOrUndefined, guard } from './storage-errors';

type GroupEntity = Group & { partitionKey: string; rowKey: string };

/** One partition per tenant: a tenant's groups are few and read together. */
export class TableGroupRepository implements GroupRepository {
  constructor(private readonly table: TableClient) {}

  async get(ref: GroupRef): Promise<Versioned<Group> | undefined> {
    const e = await getOrUndefined(() => this.table.getEntity<GroupEntity>(toKey(ref.tenantId), toKey(ref.teamId)));
    return e && { value: fromEntity(e), etag: e.etag };
  }

  async create(group: Group): Promise<Versioned<Group>> {
    const entity = toEntity(group);
    const res = await guard(() => this.table.createEntity(entity));
    return { value: fromEntity(entity), etag: res.etag ?? '' };
  }

  async update(group: Group, etag: string): Promise<Versioned<Group>> {
    const entity = toEntity(group);
    const res = await guard(() => this.table.updateEntity(entity, 'Replace', { etag }));
    return { value: fromEntity(entity), etag: res.etag ?? '' };
  }

  async inTenant(tenantId: string): Promise<Group[]> {
    return guard(async () => {
      const out: Group[] = [];
      for await (const e of this.table.listEntities<GroupEntity>({ queryOptions: { filter: odata`PartitionKey eq ${toKey(tenantId)}` } })) out.push(fromEntity(e));
      return out;
    });
  }
}

/** The team name comes from Teams: whatever path brought it, no control character is stored. */
function toEntity(g: Group): GroupEntity {
  return { partitionKey: toKey(g.tenantId), rowKey: toKey(g.teamId), ...g, name: plainName(g.name) };
}

function fromEntity(e: GroupEntity): Group {
  const g: Group = {
    tenantId: e.tenantId,
    teamId: e.teamId,
    name: e.name,
    active: e.active,
    timeZone: e.timeZone,
    installedAt: e.installedAt,
  };
  if (e.channelConversationId) g.channelConversationId = e.channelConversationId;
  if (e.deactivatedAt) g.deactivatedAt = e.deactivatedAt;
  if (isLanguage(e.language)) g.language = e.language;
  return g;
}
