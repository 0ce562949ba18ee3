import type { Repositories } from '../../kernel/ports';
import { TableConversationRepository } from './conversation.repository';
import { TableGroupRepository } from './group.repository';
import { TableMemberRepository } from './member.repository';
import type { CoreTable, TableClients } from './table-client.factory';

export function createRepositories(tables: TableClients<CoreTable>): Repositories {
  return {
    groups: new TableGroupRepository(tables.table('groups')),
    members: new TableMemberRepository(tables.table('members'), tables.table('memberships')),
    conversations: new TableConversationRepository(tables.table('conversations')),
  };
}
