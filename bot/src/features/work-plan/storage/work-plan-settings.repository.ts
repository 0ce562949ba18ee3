import { odata, type TableClient } from '@azure/data-tables';
import { QuorumError } from '../../../kernel/errors';
import type { GroupRef } from '../../../kernel/identity';
import type { Versioned } from '../../../kernel/versioned';
import type { WorkPlanSettingsRepository } from '../domain/ports';
import type { OverdueCadence, Weekday, WorkPlanSettings } from '../domain/work-plan-settings';
import { toKey } from '../../../platform/storage/keys';
import { getOrUndefined, guard, toDomainError } from '../../../platform/storage/storage-errors';

export const WORK_PLAN_SETTINGS_TABLE = 'workPlanSettings';
const SETTINGS = 'settings';

interface SettingsEntity {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  teamId: string;
  timeZone: string;
  digestDay: string;
  digestTime: string;
  dueSoonDays: string;
  overdueCadence: string;
  escalateAfter: number;
  workingDays: string;
  organisations: string;
  digestJobKey?: string;
  lastDigestAt?: string;
}

/** Per group (PK tenant|team): the settings row and one row per member with an organisation (RK member|<object id>). */
export class TableWorkPlanSettingsRepository implements WorkPlanSettingsRepository {
  constructor(private readonly table: TableClient) {}

  async get(group: GroupRef): Promise<Versioned<WorkPlanSettings> | undefined> {
    const e = await getOrUndefined(() => this.table.getEntity<SettingsEntity>(partition(group), SETTINGS));
    return e && { value: fromEntity(e), etag: e.etag };
  }

  async save(s: WorkPlanSettings, etag: string | undefined): Promise<Versioned<WorkPlanSettings>> {
    const e = toEntity(s);
    try {
      const res = etag === undefined ? await this.table.createEntity(e) : await this.table.updateEntity(e, 'Replace', { etag });
      return { value: s, etag: res.etag ?? '' };
    } catch (err) {
      // Two first saves at once: the loser re-reads and applies its change on top.
      if ((err as { statusCode?: number }).statusCode === 409) throw new QuorumError('concurrent-update', 'settings created meanwhile');
      throw toDomainError(err);
    }
  }

  async memberOrganisations(group: GroupRef): Promise<Map<string, string>> {
    return guard(async () => {
      const out = new Map<string, string>();
      const filter = odata`PartitionKey eq ${partition(group)} and RowKey ge ${'member|'} and RowKey lt ${'member}'}`;
      for await (const e of this.table.listEntities<{ aadObjectId: string; organisation: string }>({ queryOptions: { filter } })) out.set(e.aadObjectId, e.organisation);
      return out;
    });
  }

  async setMemberOrganisation(group: GroupRef, aadObjectId: string, organisation: string | undefined): Promise<void> {
    const rowKey = toKey('member', aadObjectId);
    await guard(async () => {
      if (organisation) await this.table.upsertEntity({ partitionKey: partition(group), rowKey, aadObjectId, organisation }, 'Replace');
      else await getOrUndefined(() => this.table.deleteEntity(partition(group), rowKey));
    });
  }
}

function partition(group: GroupRef): string {
  return toKey(group.tenantId, group.teamId);
}

function toEntity(s: WorkPlanSettings): SettingsEntity {
  const e: SettingsEntity = {
    partitionKey: partition(s),
    rowKey: SETTINGS,
    tenantId: s.tenantId,
    teamId: s.teamId,
    timeZone: s.timeZone,
    digestDay: s.digestDay,
    digestTime: s.digestTime,
    dueSoonDays: JSON.stringify(s.dueSoonDays),
    overdueCadence: s.overdueCadence,
    escalateAfter: s.escalateAfter,
    workingDays: JSON.stringify(s.workingDays),
    organisations: JSON.stringify(s.organisations),
  };
  if (s.digestJobKey) e.digestJobKey = s.digestJobKey;
  if (s.lastDigestAt) e.lastDigestAt = s.lastDigestAt;
  return e;
}

function fromEntity(e: SettingsEntity): WorkPlanSettings {
  const s: WorkPlanSettings = {
    tenantId: e.tenantId,
    teamId: e.teamId,
    timeZone: e.timeZone,
    digestDay: e.digestDay as Weekday,
    digestTime: e.digestTime,
    dueSoonDays: JSON.parse(e.dueSoonDays) as number[],
    overdueCadence: e.overdueCadence as OverdueCadence,
    escalateAfter: e.escalateAfter,
    workingDays: JSON.parse(e.workingDays) as Weekday[],
    organisations: JSON.parse(e.organisations) as string[],
  };
  if (e.digestJobKey) s.digestJobKey = e.digestJobKey;
  if (e.lastDigestAt) s.lastDigestAt = e.lastDigestAt;
  return s;
}
