import type { Clock } from '../../../kernel/clock';
import { QuorumError } from '../../../kernel/errors';
import type { Group } from '../../../kernel/group';
import type { Caller, GroupRef } from '../../../kernel/identity';
import { buildCheckpoint, type DecisionCheckpoint } from './checkpoint';
import type { DecisionStore } from './ports';
import { verifyChain } from './verify-chain';

export interface CheckpointDeps {
  store: DecisionStore;
  roles: { assertCoChair(caller: Caller, group: GroupRef): Promise<void> };
  clock: Clock;
}

/**
 * A co-chair's checkpoint of the register: only of a register that verifies now (a
 * checkpoint of a tampered register would vouch for it), built from the very rows verified.
 */
export async function registerCheckpoint(deps: CheckpointDeps, caller: Caller, group: Group): Promise<DecisionCheckpoint> {
  await deps.roles.assertCoChair(caller, group);
  for (let attempt = 1; ; attempt++) {
    const head = await deps.store.head(group);
    const rows = await deps.store.rows(group);
    const result = verifyChain(rows, head?.value, { group });
    if (result.ok)
      return buildCheckpoint(
        group,
        rows.map((r) => ({ seq: r.position, ref: String(r.content.ref), hash: String(r.hash) })),
        deps.clock.now(),
      );
    // An append landing between the two reads shows as a row beyond the head: read again.
    if (result.detail !== 'beyond-head' || attempt >= 3) {
      throw new QuorumError('conflict', 'the register does not verify: no checkpoint', { reason: 'decisions.checkpoint.broken' });
    }
  }
}
