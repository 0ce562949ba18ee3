import { renderDecisionFormCard, type DecisionFormValues, type DecisionFormView } from '../cards/decision-form-card';
import type { DecisionLinkDirectory } from '../domain/ports';
import type { Group } from '../../../kernel/group';
import { languageOf } from '../../../platform/i18n/i18n';
import type { AdaptiveCard } from '../../../platform/cards/render';
import type { DecisionKind } from '../domain/decision';
import { getDecision } from '../domain/find-decisions.use-case';
import { dateIn } from '../../../kernel/group-calendar';
import { recordDecision } from '../domain/record-decision.use-case';
import { QuorumError } from '../../../kernel/errors';
import type { TurnScope } from '../../../platform/teams/feature';
import { DECISION_VERBS } from '../cards/verbs';
import { newRequestKey, withRequestKey } from '../../../platform/cards/request-key';
import type { DecisionInput } from '../domain/decision-input';
import { announceDecision } from './announce';
import type { DecisionServices } from '../decision-services';

/** What another feature may pre-fill (a poll's results card: its question, outcome, poll and session). */
export interface DecisionPrefill {
  title?: string;
  text?: string;
  pollId?: string;
  sessionId?: string;
}

/**
 * The "record a decision" form, for co-chairs only. Exported for the polls feature
 * ("Record as decision" on a results card): return it from your verb handler as `{ card }`.
 */
export async function decisionFormCard(directory: DecisionLinkDirectory, scope: TurnScope, prefill: DecisionPrefill = {}): Promise<AdaptiveCard> {
  const group = await scope.group();
  await scope.deps.roles.assertCoChair(scope.caller, group);
  const today = dateIn(group.timeZone, scope.deps.clock.now()).date;
  return keyed(renderDecisionFormCard(scope.t, { teamId: group.teamId, kind: 'decision', today, values: { ...prefill }, ...(await pickable(directory, scope, group)) }));
}

/** The group's sessions and polls for the form's pickers, in the reader's language. */
async function pickable(directory: DecisionLinkDirectory, scope: TurnScope, group: Group): Promise<Pick<DecisionFormView, 'sessions' | 'polls' | 'language'>> {
  const [sessions, polls] = await Promise.all([directory.sessions(group), directory.polls(group)]);
  return { sessions, polls, language: languageOf(scope.id.locale) };
}

/** Amend / Revoke on a decision card: the form names its target (and an amendment starts from its text). */
export async function supersedeFormCard(svc: DecisionServices, scope: TurnScope, ref: string, kind: Exclude<DecisionKind, 'decision'>): Promise<AdaptiveCard> {
  const group = await scope.group();
  await svc.roles.assertCoChair(scope.caller, group);
  const target = await getDecision(svc, scope.caller, group, ref);
  if (target.status !== 'in-force') {
    const reason = target.status === 'revoked' ? 'decisions.errors.alreadyRevoked' : 'decisions.errors.alreadySuperseded';
    throw new QuorumError('conflict', 'target no longer in force', { reason, ref: target.ref, by: target.by ?? '' });
  }
  if (target.kind === 'revocation') throw new QuorumError('validation', 'a revocation cannot be superseded', { reason: 'decisions.errors.targetIsRevocation', ref: target.ref });
  const values: DecisionFormValues =
    kind === 'amendment'
      ? { title: target.title, text: target.text, rationale: target.rationale ?? '', sessionId: target.sessionId ?? '', pollId: target.pollId ?? '', actionItemIds: target.actionItemIds.join(', ') }
      : { title: scope.t('decisions.defaults.revokeTitle', { ref: target.ref }) };
  const today = dateIn(group.timeZone, svc.clock.now()).date;
  return keyed(renderDecisionFormCard(scope.t, { teamId: group.teamId, kind, target: { ref: target.ref, title: target.title }, today, values, ...(await pickable(svc.directory, scope, group)) }));
}

/** What the form shows again, as typed (a link left empty is "none"). */
export type FormFields = { kind?: DecisionKind | undefined } & Partial<
  Record<'supersedes' | 'title' | 'text' | 'rationale' | 'decidedAt' | 'sessionId' | 'pollId' | 'actionItemIds', string | undefined>
>;

/**
 * The form again with what was typed, and the reason when a submission or a Record was
 * refused for something the co-chair can read and correct (or Edit brought them back). It
 * keeps the form's key: nothing was recorded with it, and it is the same intent. Refusals
 * that are not the register's (not a co-chair) are answered like any other error.
 */
export async function formAgain(svc: DecisionServices, scope: TurnScope, group: Group, p: FormFields, key: string | undefined, err?: unknown): Promise<AdaptiveCard> {
  let error: string | undefined;
  if (err !== undefined) {
    const reason = err instanceof QuorumError ? String(err.params.reason ?? '') : '';
    if (!reason.startsWith('decisions.')) throw err;
    const { reason: _r, ...params } = (err as QuorumError).params;
    error = scope.t(reason, params);
  }
  const today = dateIn(group.timeZone, svc.clock.now()).date;
  const target = p.supersedes ? { ref: p.supersedes, title: (await svc.store.findByRef(group, p.supersedes).catch(() => undefined))?.title ?? '' } : undefined;
  const values: DecisionFormValues = { title: p.title, text: p.text, rationale: p.rationale, decidedAt: p.decidedAt, sessionId: p.sessionId, pollId: p.pollId, actionItemIds: p.actionItemIds };
  return keyed(
    renderDecisionFormCard(scope.t, {
      teamId: group.teamId,
      kind: p.kind ?? 'decision',
      today,
      values,
      ...(error === undefined ? {} : { error }),
      ...(target ? { target } : {}),
      ...(await pickable(svc.directory, scope, group)),
    }),
    key,
  );
}

/** The form's key is minted with the form (a redrawn one keeps it): see platform/cards/request-key.ts. */
function keyed(card: AdaptiveCard, key: string = newRequestKey()): AdaptiveCard {
  return withRequestKey(card, key, [DECISION_VERBS.record]);
}

/**
 * Records and posts, one request key at a time in this process: a double click's second
 * submit waits for the first's answer, then meets its key and answers the same record (and
 * the channel post it already made). Across instances the key row decides.
 */
export async function recordAndAnnounce(svc: DecisionServices, scope: Pick<TurnScope, 'caller'>, group: Group, input: DecisionInput, key: string | undefined) {
  const run = async () => {
    const record = await recordDecision(svc, scope.caller, group, input, key);
    return { record, ...(await announceDecision(svc, scope.caller, group, record)) };
  };
  return key === undefined ? run() : svc.requests.run(`${group.tenantId}|${group.teamId}|${scope.caller.aadObjectId}|${key}`, run);
}
