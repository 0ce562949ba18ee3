import { renderDecisionCard } from '../cards/decision-card';
import type { DecisionRecord } from '../domain/decision';
import { deriveStatuses } from '../domain/decision-record';
import { getDecision, type DecisionView } from '../domain/find-decisions.use-case';
import type { Group } from '../../../kernel/group';
import type { Caller } from '../../../kernel/identity';
import { groupLanguage } from '../../../kernel/languages';
import { translator } from '../../../platform/i18n/i18n';
import type { DecisionServices } from '../decision-services';
import { cardContext } from './decision-views';

/**
 * Posts a just-recorded decision in the group's channel. The decision is already in the
 * register: a failed post is logged and reported, never undone. The whole channel reads it:
 * it is written in the group's language, whoever recorded it.
 */
export async function announceDecision(svc: DecisionServices, caller: Caller, group: Group, record: DecisionRecord): Promise<{ view: DecisionView; posted: boolean }> {
  const language = groupLanguage(group);
  const t = translator(svc.i18n, language);
  // A repeated request (same key) answers the same record: it is posted once, and the repeat learns whether it was.
  const onceKey = `decision:recorded|${group.tenantId}|${group.teamId}|${record.ref}`;
  const view = await viewOf(svc, caller, group, record);
  const card = renderDecisionCard(t, view, {
    ...(await cardContext(svc, group, view, language)),
    teamId: group.teamId,
    canManage: false,
    showDetails: true,
    notice: t('decisions.recorded.channel', { name: view.recordedByName ?? t('decisions.formerMember') }),
  });
  let posted = false;
  try {
    const delivery = await svc.notifier.postToGroup(group, { card, purpose: 'decision:recorded', onceKey });
    posted = delivery.status === 'sent';
    if (!posted) svc.logger.warn({ tenantId: group.tenantId, teamId: group.teamId, ref: record.ref, delivery: delivery.status }, 'decision recorded but not posted');
  } catch (err) {
    svc.logger.warn({ tenantId: group.tenantId, teamId: group.teamId, ref: record.ref, err }, 'decision recorded but not posted');
  }
  svc.logger.info({ tenantId: group.tenantId, teamId: group.teamId, ref: record.ref, seq: record.seq, kind: record.kind }, 'decision recorded');
  return { view, posted };
}

/**
 * The record as the register now holds it. If reading it back fails (storage went away a
 * moment after the append), it is shown from what was just written: telling the co-chair to
 * "try again" would record the decision a second time.
 */
async function viewOf(svc: DecisionServices, caller: Caller, group: Group, record: DecisionRecord): Promise<DecisionView> {
  try {
    return await getDecision(svc, caller, group, record.ref);
  } catch (err) {
    svc.logger.warn({ tenantId: group.tenantId, teamId: group.teamId, ref: record.ref, err }, 'decision recorded but not read back');
    return { ...record, ...(deriveStatuses([record]).get(record.ref) ?? { status: 'in-force' }), ...(caller.name ? { recordedByName: caller.name } : {}) };
  }
}
