import type { TableClient } from '@azure/data-tables';
import { QuorumError } from '../../../kernel/errors';
import type { GroupRef } from '../../../kernel/identity';
import type { LiveState, LiveStateRepository } from '../domain/live-state';
import type { Versioned } from '../../../kernel/versioned';
import { toKey } from '../../../platform/storage/keys';
import { getOrUndefined, guard } from '../../../platform/storage/storage-errors';

export const SESSION_LIVE_TABLE = 'sessionLive';

interface LiveEntity {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  teamId: string;
  sessionId: string;
  current: number;
  /** Absent (not null) while paused: Azure Tables stores no nulls. */
  runningSince?: Date;
  /** JSON number[] (one per agenda item, ≤40). */
  elapsedMs: string;
  updatedBy: string;
  updatedAt: Date;
}

/** One row per session, in the group's partition; every write carries the ETag it read. */
export class TableLiveStateRepository implements LiveStateRepository {
  constructor(private readonly table: TableClient) {}

  async get(group: GroupRef, sessionId: string): Promise<Versioned<LiveState> | undefined> {
    const e = await getOrUndefined(() => this.table.getEntity<LiveEntity>(toKey(group.tenantId, group.teamId), toKey(sessionId)));
    return e && { value: fromEntity(e), etag: e.etag };
  }

  async create(s: LiveState): Promise<Versioned<LiveState>> {
    const res = await guard(() => this.table.createEntity(toEntity(s)));
    return { value: s, etag: res.etag ?? '' };
  }

  async update(s: LiveState, etag: string): Promise<Versioned<LiveState>> {
    if (!etag) throw new QuorumError('concurrent-update', 'no etag');
    const res = await guard(() => this.table.updateEntity(toEntity(s), 'Replace', { etag }));
    return { value: s, etag: res.etag ?? '' };
  }
}

function toEntity(s: LiveState): LiveEntity {
  const { elapsedMs, runningSince, ...rest } = s;
  return { partitionKey: toKey(s.tenantId, s.teamId), rowKey: toKey(s.sessionId), ...rest, ...(runningSince ? { runningSince } : {}), elapsedMs: JSON.stringify(elapsedMs) };
}

function fromEntity(e: LiveEntity): LiveState {
  const s: LiveState = {
    tenantId: e.tenantId,
    teamId: e.teamId,
    sessionId: e.sessionId,
    current: e.current,
    elapsedMs: JSON.parse(e.elapsedMs) as number[],
    updatedBy: e.updatedBy,
    updatedAt: new Date(e.updatedAt),
  };
  if (e.runningSince) s.runningSince = new Date(e.runningSince);
  return s;
}
