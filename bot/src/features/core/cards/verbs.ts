/** Every Action.Execute verb Quorum's cards use; handlers route on these same constants. */
export const VERBS = {
  coChairsShow: 'cochairs.show',
  coChairAdd: 'cochair.add',
  coChairRemove: 'cochair.remove',
} as const;
