import { odata, type TableClient } from '@azure/data-tables';
import { QuorumError } from '../../../kernel/errors';
import type { GroupRef } from '../../../kernel/identity';
import type { AgendaItem, Session, SessionRepository, SessionStatus } from '../domain/session';
import type { Versioned } from '../../../kernel/versioned';
import { toKey } from '../../../platform/storage/keys';
import { getOrUndefined, guard } from '../../../platform/storage/storage-errors';

interface SessionEntity {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  teamId: string;
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  place?: string;
  onlineUrl?: string;
  description?: string;
  /** JSON AgendaItem[] (≤40 items of bounded text: far below the 32k-character property limit). */
  agenda: string;
  status: SessionStatus;
  createdBy: string;
  updatedAt: Date;
  /** Absent on rows written before sessions were revisioned: read as 0. */
  sequence?: number;
}

/** Sessions of a group share its partition; a group has a handful a year, so listing is cheap. */
export class TableSessionRepository implements SessionRepository {
  constructor(private readonly table: TableClient) {}

  async get(group: GroupRef, id: string): Promise<Versioned<Session> | undefined> {
    const e = await getOrUndefined(() => this.table.getEntity<SessionEntity>(toKey(group.tenantId, group.teamId), toKey(id)));
    return e && { value: fromEntity(e), etag: e.etag };
  }

  async create(s: Session): Promise<Versioned<Session>> {
    const res = await guard(() => this.table.createEntity(toEntity(s)));
    return { value: s, etag: res.etag ?? '' };
  }

  async update(s: Session, etag: string): Promise<Versioned<Session>> {
    if (!etag) throw new QuorumError('concurrent-update', 'no etag');
    const res = await guard(() => this.table.updateEntity(toEntity(s), 'Replace', { etag }));
    return { value: s, etag: res.etag ?? '' };
  }

  async list(group: GroupRef): Promise<Session[]> {
    return guard(async () => {
      const out: Session[] = [];
      const iter = this.table.listEntities<SessionEntity>({ queryOptions: { filter: odata`PartitionKey eq ${toKey(group.tenantId, group.teamId)}` } });
      for await (const e of iter) out.push(fromEntity(e));
      return out;
    });
  }
}

function toEntity(s: Session): SessionEntity {
  const { agenda, ...rest } = s;
  return { partitionKey: toKey(s.tenantId, s.teamId), rowKey: toKey(s.id), ...rest, agenda: JSON.stringify(agenda), sequence: s.sequence ?? 0 };
}

function fromEntity(e: SessionEntity): Session {
  const s: Session = {
    tenantId: e.tenantId,
    teamId: e.teamId,
    id: e.id,
    title: e.title,
    startsAt: new Date(e.startsAt),
    endsAt: new Date(e.endsAt),
    timeZone: e.timeZone,
    agenda: JSON.parse(e.agenda) as AgendaItem[],
    status: e.status,
    createdBy: e.createdBy,
    updatedAt: new Date(e.updatedAt),
    sequence: typeof e.sequence === 'number' ? e.sequence : 0,
  };
  if (e.place) s.place = e.place;
  if (e.onlineUrl) s.onlineUrl = e.onlineUrl;
  if (e.description) s.description = e.description;
  return s;
}
