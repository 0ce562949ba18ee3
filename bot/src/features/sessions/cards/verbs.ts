/** Action.Execute verbs of the session cards; handlers route on these same constants. */
export const SESSION_VERBS = {
  form: 'session.form',
  save: 'session.save',
  view: 'session.view',
} as const;
