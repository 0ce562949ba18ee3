import type { TableClient } from '@azure/data-tables';
import type { Group } from '../domain/group';
import type { GroupRef } from '../domain/identity';
import type { GroupRepository } from '../domain/ports';
import type { Versioned } from '../domain/versioned';
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
    const res = await guard(() => this.table.createEntity(toEntity(group)));
    return { value: group, etag: res.etag ?? '' };
  }

  async update(group: Group, etag: string): Promise<Versioned<Group>> {
    const res = await guard(() => this.table.updateEntity(toEntity(group), 'Replace', { etag }));
    return { value: group, etag: res.etag ?? '' };
  }
}

function toEntity(g: Group): GroupEntity {
  return { partitionKey: toKey(g.tenantId), rowKey: toKey(g.teamId), ...g };
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
  return g;
}
