/** Action.Execute verbs of the decisions cards; the feature's handlers route on these same constants. */
export const DECISION_VERBS = {
  /** Opens the recording form (data: teamId and an optional prefill: title, text, pollId, sessionId). */
  form: 'decision.form',
  /** The form's submit: checks everything and answers the confirmation card; writes nothing. */
  record: 'decision.record',
  /** Record on the confirmation card: the only verb that writes to the register. */
  confirm: 'decision.confirm',
  /** Edit on the confirmation card: the form again, every value kept. */
  edit: 'decision.edit',
  show: 'decision.show',
  amend: 'decision.amend',
  revoke: 'decision.revoke',
  page: 'decisions.page',
  verify: 'decisions.verify',
} as const;
