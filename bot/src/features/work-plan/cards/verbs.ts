/** Action.Execute verbs of the work-plan cards; handlers route on these same constants. */
export const WORK_PLAN_VERBS = {
  itemShow: 'workplan.item.show',
  itemCreate: 'workplan.item.create',
  /** One save for every field of the item card. */
  itemSave: 'workplan.item.save',
  /** Per-field buttons of cards posted before the single save: they save every field too. */
  itemStatus: 'workplan.item.status',
  itemProgress: 'workplan.item.progress',
  itemDone: 'workplan.item.done',
  itemDue: 'workplan.item.due',
  itemNote: 'workplan.item.note',
  itemPriority: 'workplan.item.priority',
  /** Asks first; the confirmation card's button deletes. */
  itemDelete: 'workplan.item.delete',
  itemDeleteConfirm: 'workplan.item.delete.confirm',
  itemsPage: 'workplan.items.page',
  settingsSave: 'workplan.settings.save',
  memberOrganisation: 'workplan.settings.member-org',
} as const;

/** The message action's command id (the manifest's composeExtensions entry uses the same). */
export const CREATE_ITEM_COMMAND = 'createActionItem';
