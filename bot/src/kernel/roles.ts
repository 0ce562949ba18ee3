import { QuorumError } from './errors';
import type { Caller, GroupRef } from './identity';
import type { Role } from './member';
import type { MemberRepository } from './ports';

/** A co-chair set in configuration; with a team, of that team only. */
export interface ConfiguredCoChairEntry {
  tenantId: string;
  aadObjectId: string;
  teamId?: string;
}

/**
 * The first co-chairs come from configuration; every later co-chair is a stored role.
 * Configured co-chairs cannot be demoted from chat, so a group can never lock itself out.
 *
 * A configured co-chair without a team is a co-chair only of the teams they are an active
 * member of (the roster Teams gave us), never of every team in their tenant: the setting
 * names a person, and Quorum may be installed in teams of that tenant they have no part in.
 * One configured with a team is that team's co-chair even before the roster lists them.
 */
export class RolePolicy {
  private readonly anyTeam: ReadonlySet<string>;
  private readonly named: ReadonlySet<string>;
  private readonly listed: ReadonlySet<string>;

  constructor(
    private readonly members: MemberRepository,
    initialCoChairs: readonly ConfiguredCoChairEntry[],
  ) {
    this.anyTeam = new Set(initialCoChairs.filter((c) => !c.teamId).map((c) => key(c.tenantId, c.aadObjectId)));
    this.named = new Set(initialCoChairs.flatMap((c) => (c.teamId ? [teamKey({ tenantId: c.tenantId, teamId: c.teamId }, c.aadObjectId)] : [])));
    this.listed = new Set(initialCoChairs.map((c) => key(c.tenantId, c.aadObjectId)));
  }

  /** The setting lists this person at all (for any team of their tenant). */
  isListed(tenantId: string, aadObjectId: string): boolean {
    return this.listed.has(key(tenantId, aadObjectId));
  }

  /**
   * The setting makes this person co-chair of this group, provided they are its member (an
   * entry without a team) — callers pass members of the group, or use roleOf.
   */
  isConfiguredCoChair(group: GroupRef, aadObjectId: string): boolean {
    return this.anyTeam.has(key(group.tenantId, aadObjectId)) || this.named.has(teamKey(group, aadObjectId));
  }

  async roleOf(caller: Caller, group: GroupRef): Promise<Role | undefined> {
    return (await this.membershipOf(caller, group))?.role;
  }

  /** The role, and the name the roster gave the person (for callers whose token has none). */
  private async membershipOf(caller: Caller, group: GroupRef): Promise<{ role: Role; name?: string } | undefined> {
    if (caller.tenantId !== group.tenantId) return undefined;
    const named = this.named.has(teamKey(group, caller.aadObjectId));
    const member = await this.members.get(group, caller.aadObjectId);
    const name = member?.value.name || undefined;
    if (named) return { role: 'co-chair', ...(name ? { name } : {}) };
    if (!member || !member.value.active) return undefined;
    const role = this.anyTeam.has(key(caller.tenantId, caller.aadObjectId)) ? 'co-chair' : member.value.role;
    return { role, ...(name ? { name } : {}) };
  }

  /** Like assertMember, with the roster's name of the person. */
  async assertMembership(caller: Caller, group: GroupRef): Promise<{ role: Role; name?: string }> {
    const membership = await this.membershipOf(caller, group);
    if (!membership) throw new QuorumError('not-a-member', 'caller is not a member of the group');
    return membership;
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

/** Team ids are compared as Teams sends them: their middle part is case-sensitive. */
function teamKey(group: GroupRef, aadObjectId: string): string {
  return `${key(group.tenantId, aadObjectId)}|${group.teamId}`;
}
