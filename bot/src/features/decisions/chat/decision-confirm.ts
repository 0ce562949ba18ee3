import { renderDecisionCard } from '../cards/decision-card';
import { renderDecisionConfirmCard } from '../cards/decision-confirm-card';
import type { ConfirmPayload, RecordPayload } from '../cards/payloads';
import { DECISION_VERBS } from '../cards/verbs';
import { previewDecision } from '../domain/record-decision.use-case';
import type { DecisionServices } from '../decision-services';
import { newRequestKey, withRequestKey } from '../../../platform/cards/request-key';
import type { AdaptiveCard } from '../../../platform/cards/render';
import { languageOf } from '../../../platform/i18n/i18n';
import type { TurnScope } from '../../../platform/teams/feature';
import { cardContext } from './decision-views';
import { formAgain, recordAndAnnounce } from './decision-form';

/**
 * The form's submit: every check recording makes, and nothing written. A refusal the
 * co-chair can correct comes back as the form with what was typed and the reason; otherwise
 * the answer is the confirmation card, carrying the form's key to Record (a form without one,
 * from before keys, gets one now, so Record is never unkeyed).
 */
export async function submitDecisionForm(svc: DecisionServices, scope: TurnScope, p: RecordPayload): Promise<AdaptiveCard> {
  const group = await scope.group();
  const { requestKey: key, teamId: _teamId, ...fields } = p;
  let preview: Awaited<ReturnType<typeof previewDecision>>;
  try {
    preview = await previewDecision(svc, scope.caller, group, fields);
  } catch (err) {
    return formAgain(svc, scope, group, fields, key, err);
  }
  const { clean, target } = preview;
  const [links, items] = await Promise.all([cardContext(svc, group, clean, scope.id.locale), svc.directory.itemTitles(group, clean.actionItemIds).catch(() => new Map<string, string>())]);
  const card = renderDecisionConfirmCard(scope.t, {
    teamId: group.teamId,
    language: languageOf(scope.id.locale),
    record: clean,
    ...(target ? { target: { ref: target.ref, title: target.title } } : {}),
    names: { ...links.names, items },
  });
  return withRequestKey(card, key ?? newRequestKey(), [DECISION_VERBS.confirm, DECISION_VERBS.edit]);
}

/**
 * Record: the one verb that writes. Everything is checked again (the target may have been
 * superseded since the confirmation was drawn, the caller may no longer be a co-chair), and
 * the key makes a double press or a retry answer the first record. A refusal the co-chair
 * can act on shows the form again, with the reason.
 */
export async function confirmDecision(svc: DecisionServices, scope: TurnScope, p: ConfirmPayload): Promise<AdaptiveCard> {
  const group = await scope.group();
  const { requestKey: key, teamId: _teamId, ...fields } = p;
  try {
    const { record, view, posted } = await recordAndAnnounce(svc, scope, group, fields, key);
    const notice = scope.t(posted ? 'decisions.recorded.notice' : 'decisions.recorded.noticeNotPosted', { ref: record.ref });
    return renderDecisionCard(scope.t, view, { teamId: group.teamId, canManage: true, notice, ...(await cardContext(svc, group, view, scope.id.locale)) });
  } catch (err) {
    return formAgain(svc, scope, group, fields, key, err);
  }
}

/** Edit: the form again with every value the confirmation showed, and the same key. Co-chairs only, as the form is. */
export async function editDecision(svc: DecisionServices, scope: TurnScope, p: ConfirmPayload): Promise<AdaptiveCard> {
  const group = await scope.group();
  await svc.roles.assertCoChair(scope.caller, group);
  const { requestKey: key, teamId: _teamId, ...fields } = p;
  return formAgain(svc, scope, group, fields, key);
}
