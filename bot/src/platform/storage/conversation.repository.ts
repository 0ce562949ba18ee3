import type { TableClient } from '@azure/data-tables';
import type { ConversationKind, StoredConversation } from '../../kernel/conversation';
import type { ConversationRepository } from '../../kernel/ports';
import { toKey } from './keys';
import { getOrUndefined, guard, isNotFound, toDomainError } from './storage-errors';

interface ConversationEntity {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  conversationId: string;
  kind: ConversationKind;
  teamId?: string;
  aadObjectId?: string;
  /** The Bot Framework conversation reference as JSON (well under the 64 KiB property limit). */
  reference: string;
  active: boolean;
  updatedAt: string;
}

export class TableConversationRepository implements ConversationRepository {
  constructor(private readonly table: TableClient) {}

  async get(tenantId: string, conversationId: string): Promise<StoredConversation | undefined> {
    const e = await getOrUndefined(() => this.table.getEntity<ConversationEntity>(toKey(tenantId), toKey(conversationId)));
    if (!e) return undefined;
    const c: StoredConversation = {
      tenantId: e.tenantId,
      conversationId: e.conversationId,
      kind: e.kind,
      reference: JSON.parse(e.reference) as unknown,
      active: e.active,
      updatedAt: e.updatedAt,
    };
    if (e.teamId) c.teamId = e.teamId;
    if (e.aadObjectId) c.aadObjectId = e.aadObjectId;
    return c;
  }

  async put(c: StoredConversation): Promise<void> {
    const entity: ConversationEntity = { partitionKey: toKey(c.tenantId), rowKey: toKey(c.conversationId), ...c, reference: JSON.stringify(c.reference) };
    await guard(() => this.table.upsertEntity(entity, 'Replace'));
  }

  async setActive(tenantId: string, conversationId: string, active: boolean): Promise<void> {
    // A merge of one flag cannot lose a concurrent reference update, so no ETag is needed here.
    try {
      await this.table.updateEntity({ partitionKey: toKey(tenantId), rowKey: toKey(conversationId), active }, 'Merge');
    } catch (err) {
      if (!isNotFound(err)) throw toDomainError(err);
    }
  }
}
