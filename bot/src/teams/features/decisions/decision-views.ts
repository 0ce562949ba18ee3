import { renderDecisionCard } from '../../../cards/decisions/decision-card';
import { renderDecisionListCard } from '../../../cards/decisions/decision-list-card';
import { describeVerification } from '../../../cards/decisions/verification-text';
import { renderVerifyCard } from '../../../cards/decisions/verify-card';
import type { AdaptiveCard } from '../../../cards/render';
import { parseDecisionQuery } from '../../../domain/decisions/decision-query';
import { findDecisions, getDecision, verifyRegister } from '../../../domain/decisions/find-decisions.use-case';
import { QuorumError } from '../../../domain/errors';
import type { TurnScope } from '../../feature';
import type { DecisionServices } from './decision-services';

/** `decisions`, `decisions <words>`, `decisions 2026`: newest first, a page at a time. */
export async function listCard(svc: DecisionServices, s: TurnScope, q: string, page = 0): Promise<AdaptiveCard> {
  const group = await s.group();
  const query = q.replace(/\s+/g, ' ').trim().slice(0, 200);
  const found = await findDecisions(svc, s.caller, group, parseDecisionQuery(query), page);
  return renderDecisionListCard(s.t, { teamId: group.teamId, q: query, page: found });
}

/** `decision D-2026-004` or a list entry: the record, its derived status, Amend/Revoke for co-chairs. */
export async function detailCard(svc: DecisionServices, s: TurnScope, refText: string): Promise<AdaptiveCard> {
  if (!refText.trim()) throw new QuorumError('validation', 'no reference', { reason: 'decisions.errors.showUsage' });
  const group = await s.group();
  const view = await getDecision(svc, s.caller, group, refText.trim().split(/\s+/)[0] ?? '');
  return renderDecisionCard(s.t, view, { teamId: group.teamId, canManage: (await s.role()) === 'co-chair' });
}

export async function verifyCard(svc: DecisionServices, s: TurnScope): Promise<AdaptiveCard> {
  const group = await s.group();
  const result = await verifyRegister(svc, s.caller, group);
  if (!result.ok) svc.logger.warn({ tenantId: group.tenantId, teamId: group.teamId, ...result }, 'decision register failed verification');
  return renderVerifyCard(s.t, { teamId: group.teamId, ...describeVerification(s.t, result) });
}
