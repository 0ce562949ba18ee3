/** Action.Execute verbs of the poll cards; handlers route on these same constants. */
export const POLL_VERBS = {
  form: 'poll.form',
  create: 'poll.create',
  vote: 'poll.vote',
  /** The caller's own view: Teams' refresh, "show my vote", "change my vote". */
  view: 'poll.view',
  close: 'poll.close',
} as const;

/** "Record as decision" on a closed poll's results card: the polls feature builds the pre-filled decisions form. */
export const RECORD_AS_DECISION_VERB: string = 'poll.decide';
