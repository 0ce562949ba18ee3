import { itemPriority, itemSort, itemStatus, type ItemSort, type ItemsResponse } from '../../../../bot/src/features/work-plan/routes/work-plan.contract';
import type { MessageKey } from '../../lib/i18n';

export const STATUSES = itemStatus.options;
export const PRIORITIES = itemPriority.options;
export const SORTS = itemSort.options;

/** The pages of GET items as one answer. */
export function joinItemPages(pages: ItemsResponse[]): Pick<ItemsResponse, 'items' | 'me'> {
  return { items: pages.flatMap((p) => p.items), me: pages[0]?.me ?? { organisation: null } };
}

export interface Filters {
  status: string;
  org: string;
  owner: string;
  priority: string;
  area: string;
  dueFrom: string;
  dueTo: string;
  sort: ItemSort;
  order: 'asc' | 'desc';
}

export const NO_FILTERS: Filters = { status: '', org: '', owner: '', priority: '', area: '', dueFrom: '', dueTo: '', sort: 'due', order: 'asc' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The filters a link from a card asks for (`?view=work-plan&status=open&dueTo=2027-03-01`:
 * the digest's "and 87 more"); anything else in the address is ignored, and what is not a
 * status or a date is dropped rather than sent to the API (which checks the rest itself).
 */
export function filtersFromAddress(search: string): Filters {
  const q = new URLSearchParams(search);
  const status = q.get('status') ?? '';
  const day = (name: string) => (DAY.test(q.get(name) ?? '') ? q.get(name)! : '');
  const text = (name: string, max: number) => (q.get(name) ?? '').slice(0, max);
  return {
    ...NO_FILTERS,
    status: status === 'open' || (STATUSES as readonly string[]).includes(status) ? status : '',
    owner: text('owner', 64),
    org: text('org', 100),
    dueFrom: day('dueFrom'),
    dueTo: day('dueTo'),
  };
}

/** The query GET items and items.csv take (empty values are dropped by the API client). */
export function toQuery(f: Filters): Record<string, string> {
  const { status, ...rest } = f;
  return { ...rest, ...(status === 'open' ? { open: 'true' } : { status }) };
}

export const statusKey = (s: string) => `status_${s}` as MessageKey;
export const priorityKey = (p: string) => `priority_${p}` as MessageKey;
export const SORT_LABELS: Record<ItemSort, MessageKey> = { due: 'wpSortDue', priority: 'wpSortPriority', ref: 'wpSortRef', updated: 'wpSortUpdated', status: 'wpSortStatus' };
