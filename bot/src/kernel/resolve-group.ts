import { QuorumError } from './errors';
import type { Group } from './group';
import type { Caller, GroupRef } from './identity';
import type { Repositories } from './ports';

/**
 * In a channel the team is known; in personal chat it is the one active group the caller
 * belongs to. Someone in several groups is asked to use the command in the team's channel.
 */
export async function resolveGroup(repos: Repositories, caller: Caller, teamId: string | undefined): Promise<Group> {
  const refs: GroupRef[] = teamId ? [{ tenantId: caller.tenantId, teamId }] : await repos.members.groupsOf(caller.tenantId, caller.aadObjectId);
  const groups: Group[] = [];
  for (const ref of refs) {
    const g = await repos.groups.get(ref);
    if (g?.value.active) groups.push(g.value);
  }
  if (groups.length === 1 && groups[0]) return groups[0];
  if (groups.length === 0) {
    if (teamId) throw new QuorumError('group-inactive', 'group is not installed or inactive');
    throw new QuorumError('group-unknown', 'caller belongs to no active group');
  }
  throw new QuorumError('group-ambiguous', 'caller belongs to several groups', { count: groups.length });
}
