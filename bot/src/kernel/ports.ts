import type { StoredConversation } from './conversation';
import type { Group } from './group';
import type { GroupRef } from './identity';
import type { Member } from './member';
import type { Versioned } from './versioned';

/**
 * Storage ports. Writes that can race take the ETag they read: a stale one fails with
 * QuorumError('concurrent-update'), a duplicate create with QuorumError('conflict').
 */
export interface GroupRepository {
  get(ref: GroupRef): Promise<Versioned<Group> | undefined>;
  create(group: Group): Promise<Versioned<Group>>;
  update(group: Group, etag: string): Promise<Versioned<Group>>;
  /** Every group Quorum knows in a tenant, active or not (one partition: a tenant's groups are few). */
  inTenant(tenantId: string): Promise<Group[]>;
}

export interface MemberRepository {
  get(ref: GroupRef, aadObjectId: string): Promise<Versioned<Member> | undefined>;
  list(ref: GroupRef): Promise<Member[]>;
  /** Creates or replaces a member's profile fields, keeping the role and the language it had. */
  upsertProfile(member: Member): Promise<void>;
  update(member: Member, etag: string): Promise<Versioned<Member>>;
  /** Teams (of this tenant) the person belongs to. */
  groupsOf(tenantId: string, aadObjectId: string): Promise<GroupRef[]>;
}

export interface ConversationRepository {
  get(tenantId: string, conversationId: string): Promise<StoredConversation | undefined>;
  put(conversation: StoredConversation): Promise<void>;
  setActive(tenantId: string, conversationId: string, active: boolean): Promise<void>;
}

export interface Repositories {
  groups: GroupRepository;
  members: MemberRepository;
  conversations: ConversationRepository;
}
