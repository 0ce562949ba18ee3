import type { GroupRef } from '../../kernel/identity';
import type { ConversationRepository, GroupRepository, MemberRepository, Repositories } from '../../kernel/ports';
import type { ReadCache } from './read-cache';

const k = (...parts: string[]) => parts.join('\u0000');
const memberKey = (ref: GroupRef, aadObjectId: string) => k('member', ref.tenantId, ref.teamId, aadObjectId.toLowerCase());
const rosterKey = (ref: GroupRef) => k('roster', ref.tenantId, ref.teamId);
const groupsOfKey = (tenantId: string, aadObjectId: string) => k('groupsOf', tenantId, aadObjectId.toLowerCase());
const groupKey = (ref: GroupRef) => k('group', ref.tenantId, ref.teamId);
const tenantKey = (tenantId: string) => k('tenant', tenantId);
const conversationKey = (tenantId: string, conversationId: string) => k('conversation', tenantId, conversationId);

/** The core repositories, their reads through the cache, their writes forgetting what they change. */
export function cachedRepositories(repos: Repositories, cache: ReadCache): Repositories {
  return { groups: cachedGroups(repos.groups, cache), members: cachedMembers(repos.members, cache), conversations: cachedConversations(repos.conversations, cache) };
}

function cachedMembers(inner: MemberRepository, cache: ReadCache): MemberRepository {
  const touched = (m: GroupRef & { aadObjectId: string }) => [memberKey(m, m.aadObjectId), rosterKey(m), groupsOfKey(m.tenantId, m.aadObjectId)];
  return {
    get: (ref, aadObjectId) => cache.read(memberKey(ref, aadObjectId), () => inner.get(ref, aadObjectId)),
    list: (ref) => cache.read(rosterKey(ref), () => inner.list(ref)),
    groupsOf: (tenantId, aadObjectId) => cache.read(groupsOfKey(tenantId, aadObjectId), () => inner.groupsOf(tenantId, aadObjectId)),
    upsertProfile: (m) => cache.writing(touched(m), () => inner.upsertProfile(m)),
    update: (m, etag) => cache.writing(touched(m), () => inner.update(m, etag)),
  };
}

function cachedGroups(inner: GroupRepository, cache: ReadCache): GroupRepository {
  const touched = (g: GroupRef) => [groupKey(g), tenantKey(g.tenantId)];
  return {
    get: (ref) => cache.read(groupKey(ref), () => inner.get(ref)),
    inTenant: (tenantId) => cache.read(tenantKey(tenantId), () => inner.inTenant(tenantId)),
    create: (g) => cache.writing(touched(g), () => inner.create(g)),
    update: (g, etag) => cache.writing(touched(g), () => inner.update(g, etag)),
  };
}

function cachedConversations(inner: ConversationRepository, cache: ReadCache): ConversationRepository {
  return {
    get: (tenantId, conversationId) => cache.read(conversationKey(tenantId, conversationId), () => inner.get(tenantId, conversationId)),
    put: (c) => cache.writing([conversationKey(c.tenantId, c.conversationId)], () => inner.put(c)),
    setActive: (tenantId, conversationId, active) => cache.writing([conversationKey(tenantId, conversationId)], () => inner.setActive(tenantId, conversationId, active)),
  };
}
