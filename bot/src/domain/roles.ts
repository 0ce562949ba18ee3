import { QuorumError } from './errors';
import type { Caller, GroupRef } from './identity';
import type { Role } from './member';
import type { MemberRepository } from './ports';

/**
 * The first co-chairs come from configuration (tenant id + object id pairs); every later
 * co-chair is a stored role. Configured co-chairs cannot be demoted from chat, so a group
 * can never lock itself out.
 */
export class RolePolicy {
  private readonly bootstrap: ReadonlySet<string>;

  constructor(
    private readonly members: MemberRepository,
    initialCoChairs: readonly { tenantId: string; aadObjectId: string }[],
  ) {
    this.bootstrap = new Set(initialCoChairs.map((c) => key(c.tenantId, c.aadObjectId)));
  }

  isConfiguredCoChair(tenantId: string, aadObjectId: string): boolean {
    return this.bootstrap.has(key(tenantId, aadObjectId));
  }

  async roleOf(caller: Caller, group: GroupRef): Promise<Role | undefined> {
    if (caller.tenantId !== group.tenantId) return undefined;
    if (this.isConfiguredCoChair(caller.tenantId, caller.aadObjectId)) return 'co-chair';
    const member = await this.members.get(group, caller.aadObjectId);
    if (!member || !member.value.active) return undefined;
    return member.value.role;
  }

  async assertMember(caller: Caller, group: GroupRef): Promise<Role> {
    const role = await this.roleOf(caller, group);
    if (!role) throw new QuorumError('not-a-member', 'caller is not a member of the group');
    return role;
  }

  async assertCoChair(caller: Caller, group: GroupRef): Promise<void> {
    const role = await this.assertMember(caller, group);
    if (role !== 'co-chair') throw new QuorumError('forbidden', 'co-chair role required');
  }
}

function key(tenantId: string, aadObjectId: string): string {
  return `${tenantId.toLowerCase()}|${aadObjectId.toLowerCase()}`;
}
