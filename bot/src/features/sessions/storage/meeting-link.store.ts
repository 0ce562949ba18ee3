import { odata, type TableClient } from '@azure/data-tables';
import { meetingThreadKey, type ExplicitLink, type MeetingLinkStore, type SessionLink } from '../domain/meeting-link';
import type { Session } from '../domain/session';
import { toKey } from '../../../platform/storage/keys';
import { getOrUndefined, guard, isNotFound, toDomainError } from '../../../platform/storage/storage-errors';

export const MEETING_LINKS_TABLE = 'meetingLinks';

interface LinkEntity {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  teamId: string;
  sessionId: string;
  linkedBy?: string;
  linkedAt?: Date;
  meetingId?: string;
}

/** The explicit link's row; index rows are `url|<team>|<session>` beside it. */
export const CHAT_ROW = 'chat';
const urlRow = (l: SessionLink) => `url|${toKey(l.teamId, l.sessionId)}`;

/**
 * One partition per tenant + meeting thread: the index rows of every session whose online
 * link names the thread, and the explicit link typed in its chat. A meeting event reads one
 * partition. The tenant is part of the key, so another tenant's meeting never finds a session.
 */
export class TableMeetingLinkStore implements MeetingLinkStore {
  constructor(private readonly table: TableClient) {}

  async indexSession(s: Session): Promise<void> {
    const thread = meetingThreadKey(s.onlineUrl);
    if (!thread) return;
    const entity: LinkEntity = {
      partitionKey: toKey(s.tenantId, thread),
      rowKey: urlRow({ tenantId: s.tenantId, teamId: s.teamId, sessionId: s.id }),
      tenantId: s.tenantId,
      teamId: s.teamId,
      sessionId: s.id,
    };
    await guard(() => this.table.upsertEntity(entity, 'Replace'));
  }

  async indexed(tenantId: string, threadKey: string): Promise<SessionLink[]> {
    return guard(async () => {
      const out: SessionLink[] = [];
      const filter = odata`PartitionKey eq ${toKey(tenantId, threadKey)} and RowKey ge ${'url|'} and RowKey lt ${'url}'}`;
      for await (const e of this.table.listEntities<LinkEntity>({ queryOptions: { filter } })) out.push({ tenantId: e.tenantId, teamId: e.teamId, sessionId: e.sessionId });
      return out;
    });
  }

  async unindex(tenantId: string, threadKey: string, link: SessionLink): Promise<void> {
    try {
      await this.table.deleteEntity(toKey(tenantId, threadKey), urlRow(link));
    } catch (err) {
      if (!isNotFound(err)) throw toDomainError(err);
    }
  }

  async linkChat(tenantId: string, threadKey: string, link: ExplicitLink): Promise<void> {
    const entity: LinkEntity = { partitionKey: toKey(tenantId, threadKey), rowKey: CHAT_ROW, ...link };
    // The last co-chair to link wins: relinking a meeting to another session is the point.
    await guard(() => this.table.upsertEntity(entity, 'Replace'));
  }

  async linkedChat(tenantId: string, threadKey: string): Promise<ExplicitLink | undefined> {
    const e = await getOrUndefined(() => this.table.getEntity<LinkEntity>(toKey(tenantId, threadKey), CHAT_ROW));
    if (!e) return undefined;
    return { tenantId: e.tenantId, teamId: e.teamId, sessionId: e.sessionId, linkedBy: e.linkedBy ?? '', linkedAt: new Date(e.linkedAt ?? 0), ...(e.meetingId ? { meetingId: e.meetingId } : {}) };
  }
}
