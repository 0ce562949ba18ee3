// The work-plan's public face (docs/architecture.md): the feature, and the item vocabulary
// that sessions and reports read.
export { createWorkPlanFeature } from './work-plan.feature';
export { CLOSED, ITEM_STATUSES, isOpen, refOf, type ActionItem, type HistoryEntry, type ItemStatus } from './domain/action-item';
export type { ActionItemRepository } from './domain/ports';
