import { isOpen, PRIORITIES, type ActionItem, type ItemStatus, type Priority } from './action-item';

export interface ItemFilter {
  status?: ItemStatus[];
  /** Only items not done or dropped. */
  open?: boolean;
  /** Open items whose due date is before `today`. */
  overdueOn?: string;
  organisation?: string;
  ownerId?: string;
  /** Items the person owns, or (when they have one) their organisation's. */
  mine?: { aadObjectId: string; organisation?: string };
  priority?: Priority[];
  area?: string;
  dueFrom?: string;
  dueTo?: string;
}

export const SORTS = ['due', 'priority', 'ref', 'updated', 'status'] as const;
export type ItemSort = (typeof SORTS)[number];

const same = (a: string | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();

export function filterItems(items: readonly ActionItem[], f: ItemFilter): ActionItem[] {
  return items.filter((i) => {
    if (f.open && !isOpen(i)) return false;
    if (f.status && !f.status.includes(i.status)) return false;
    if (f.overdueOn && !(isOpen(i) && i.due && i.due < f.overdueOn)) return false;
    if (f.organisation && !same(i.organisation, f.organisation)) return false;
    if (f.ownerId && !same(i.ownerId, f.ownerId)) return false;
    if (f.mine && !(same(i.ownerId, f.mine.aadObjectId) || (f.mine.organisation && same(i.organisation, f.mine.organisation)))) return false;
    if (f.priority && !f.priority.includes(i.priority)) return false;
    if (f.area && !same(i.area, f.area)) return false;
    if (f.dueFrom && !(i.due && i.due >= f.dueFrom)) return false;
    if (f.dueTo && !(i.due && i.due <= f.dueTo)) return false;
    return true;
  });
}

/** The fields the orders read: all a list page's continuation needs to keep its place. */
export type ItemSortKey = Pick<ActionItem, 'number' | 'due' | 'priority' | 'updatedAt' | 'status'>;

/** Due date first (undated last), then most urgent, then reference. */
export function sortItems(items: readonly ActionItem[], sort: ItemSort = 'due', descending = false): ActionItem[] {
  return [...items].sort(compareItems(sort, descending));
}

/** The order of sortItems; each ends on the reference, so no two items compare equal. */
export function compareItems(sort: ItemSort = 'due', descending = false): (a: ItemSortKey, b: ItemSortKey) => number {
  const rank = (p: Priority) => PRIORITIES.length - PRIORITIES.indexOf(p);
  const cmp: Record<ItemSort, (a: ItemSortKey, b: ItemSortKey) => number> = {
    due: (a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || rank(a.priority) - rank(b.priority) || a.number - b.number,
    priority: (a, b) => rank(a.priority) - rank(b.priority) || (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.number - b.number,
    ref: (a, b) => a.number - b.number,
    updated: (a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.number - b.number,
    status: (a, b) => a.status.localeCompare(b.status) || a.number - b.number,
  };
  const order = cmp[sort];
  return descending ? (a, b) => order(b, a) : order;
}
