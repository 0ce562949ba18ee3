import type { Repositories } from '../../kernel/ports';
import { TableConversationRepository } from './conversation.repository';
import { TableGroupRepository } from './group.repository';
import { TableMemberRepository } from './member.repository';
import type { CoreTable, TableClients } from './table-client.factory';
import { cachedRepositories } from './cached-repositories';
import type { ReadCache } from './read-cache';

/** With a cache (the service's), reads of these rows go through it: see read-cache.ts. */
export function createRepositories(tables: TableClients<CoreTable>, cache?: ReadCache): Repositories {
  const repos: Repositories = {
    groups: new TableGroupRepository(tables.table('groups')),
    members: new TableMemberRepository(tables.table('members'), tables.table('memberships')),
    conversations: new TableConversationRepository(tables.table('conversations')),
  };
  return cache ? cachedRepositories(repos, cache) : repos;
}
