import { LIMITS } from '../../domain/decisions/decision-input';
import type { DecisionKind } from '../../domain/decisions/decision';
import type { Translate } from '../../i18n/i18n';
import { expandCard, type AdaptiveCard } from '../render';
import template from './templates/decision-form.json';

/** What the form shows in its inputs (as typed, possibly invalid after a refused submit). */
export interface DecisionFormValues {
  title?: string;
  text?: string;
  rationale?: string;
  decidedAt?: string;
  sessionId?: string;
  pollId?: string;
  actionItemIds?: string;
}

export interface DecisionFormView {
  teamId: string;
  kind: DecisionKind;
  /** The record amended or revoked, with its title for the heading line. */
  target?: { ref: string; title: string };
  today: string;
  values: DecisionFormValues;
  /** A refused submit's message (the inputs keep what was typed). */
  error?: string;
}

export function renderDecisionFormCard(t: Translate, view: DecisionFormView): AdaptiveCard {
  const v = view.values;
  const headingKey = view.kind === 'amendment' ? 'decisions.form.headingAmend' : view.kind === 'revocation' ? 'decisions.form.headingRevoke' : 'decisions.form.heading';
  return expandCard(template, {
    heading: t(headingKey, { ref: view.target?.ref ?? '' }),
    targetLine: view.target ? view.target.title : '',
    error: view.error ?? '',
    teamId: view.teamId,
    kind: view.kind,
    supersedes: view.target?.ref ?? '',
    today: view.today,
    limits: LIMITS,
    values: {
      title: v.title ?? '',
      text: v.text ?? '',
      rationale: v.rationale ?? '',
      decidedAt: v.decidedAt || view.today,
      sessionId: v.sessionId ?? '',
      pollId: v.pollId ?? '',
      actionItemIds: v.actionItemIds ?? '',
    },
    labels: {
      title: t('decisions.form.title'),
      titleRequired: t('decisions.errors.emptyTitle'),
      text: t(view.kind === 'revocation' ? 'decisions.form.textRevoke' : 'decisions.form.text'),
      textRequired: t('decisions.errors.emptyText'),
      rationale: t('decisions.form.rationale'),
      decidedAt: t('decisions.form.decidedAt'),
      sessionId: t('decisions.form.sessionId'),
      pollId: t('decisions.form.pollId'),
      actionItemIds: t('decisions.form.actionItemIds'),
      actionItemIdsHint: t('decisions.form.actionItemIdsHint'),
      submit: t(view.kind === 'revocation' ? 'decisions.form.submitRevoke' : 'decisions.form.submit'),
    },
  });
}
