import type { Clock } from '../../../kernel/clock';
import { QuorumError } from '../../../kernel/errors';
import type { Caller, GroupRef } from '../../../kernel/identity';
import type { Member } from '../../../kernel/member';
import type { Repositories } from '../../../kernel/ports';
import { retryOnConflict } from '../../../kernel/retry-on-conflict';
import type { RolePolicy } from '../../../kernel/roles';

export interface CoChairView {
  aadObjectId: string;
  name: string;
  /** Set in configuration: shown, but not removable from chat. */
  configured: boolean;
}

export interface CoChairsDeps {
  repos: Repositories;
  roles: RolePolicy;
  clock: Clock;
}

export async function listCoChairs(deps: CoChairsDeps, caller: Caller, group: GroupRef): Promise<{ coChairs: CoChairView[]; members: Member[] }> {
  await deps.roles.assertMember(caller, group);
  const members = (await deps.repos.members.list(group)).filter((m) => m.active);
  const coChairs = members
    .filter((m) => m.role === 'co-chair' || deps.roles.isConfiguredCoChair(m, m.aadObjectId))
    .map((m) => ({ aadObjectId: m.aadObjectId, name: m.name, configured: deps.roles.isConfiguredCoChair(m, m.aadObjectId) }));
  return { coChairs, members };
}

/** Only a co-chair may change roles; the target must be a known, active member of the same group. */
export async function setCoChair(deps: CoChairsDeps, caller: Caller, group: GroupRef, targetAadObjectId: string, makeCoChair: boolean): Promise<Member> {
  await deps.roles.assertCoChair(caller, group);
  if (!makeCoChair && deps.roles.isConfiguredCoChair(group, targetAadObjectId)) {
    throw new QuorumError('validation', 'configured co-chair cannot be removed from chat', { reason: 'configured-co-chair' });
  }
  return retryOnConflict(async () => {
    const target = await deps.repos.members.get(group, targetAadObjectId);
    if (!target || !target.value.active) throw new QuorumError('not-found', 'target is not a member', { what: 'member' });
    const role = makeCoChair ? 'co-chair' : 'member';
    if (target.value.role === role) return target.value;
    const saved = await deps.repos.members.update({ ...target.value, role, updatedAt: deps.clock.now().toISOString() }, target.etag);
    return saved.value;
  });
}
