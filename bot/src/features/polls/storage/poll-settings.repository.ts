import type { TableClient } from '@azure/data-tables';
import type { GroupRef } from '../../../kernel/identity';
import type { PollSettings, PollSettingsRepository } from '../domain/ports';
import type { Versioned } from '../../../kernel/versioned';
import { toKey } from '../../../platform/storage/keys';
import { getOrUndefined, guard } from '../../../platform/storage/storage-errors';

interface SettingsEntity {
  partitionKey: string;
  rowKey: string;
  membersCanCreate: boolean;
}

/** The group's poll settings (one row per group) until groups carry feature settings. */
export class TablePollSettingsRepository implements PollSettingsRepository {
  constructor(private readonly table: TableClient) {}

  async get(group: GroupRef): Promise<Versioned<PollSettings> | undefined> {
    const e = await getOrUndefined(() => this.table.getEntity<SettingsEntity>(toKey(group.tenantId, group.teamId), 'settings'));
    return e && { value: { membersCanCreate: e.membersCanCreate }, etag: e.etag };
  }

  async put(group: GroupRef, settings: PollSettings, etag: string | undefined): Promise<void> {
    const entity: SettingsEntity = { partitionKey: toKey(group.tenantId, group.teamId), rowKey: 'settings', membersCanCreate: settings.membersCanCreate };
    await guard(() => (etag ? this.table.updateEntity(entity, 'Replace', { etag }) : this.table.createEntity(entity)));
  }
}
