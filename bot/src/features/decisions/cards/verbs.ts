/** Action.Execute verbs of the decisions cards; the feature's handlers route on these same constants. */
export const DECISION_VERBS = {
  /** Opens the recording form (data: teamId and an optional prefill: title, text, pollId, sessionId). */
  form: 'decision.form',
  record: 'decision.record',
  show: 'decision.show',
  amend: 'decision.amend',
  revoke: 'decision.revoke',
  page: 'decisions.page',
  verify: 'decisions.verify',
} as const;
