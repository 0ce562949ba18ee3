import type { MessageKey } from '../../lib/i18n';

export const STATUSES = ['open', 'in-progress', 'blocked', 'done', 'dropped'] as const;
export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export const SORTS = ['due', 'priority', 'ref', 'updated', 'status'] as const;
export type Status = (typeof STATUSES)[number];
export type Priority = (typeof PRIORITIES)[number];
export type Sort = (typeof SORTS)[number];

/** An action item as GET /api/tab/items returns it. */
export interface Item {
  ref: string;
  number: number;
  title: string;
  description: string;
  owner: { aadObjectId: string; name: string } | null;
  organisation: string | null;
  priority: Priority;
  status: Status;
  progress: number;
  due: string | null;
  area: string | null;
  updatedAt: string;
  /** The version listed (GET items gives each item's ETag): an edit starts from it without a second read. */
  etag?: string;
}

/** GET items: the items and the caller's own organisation (from storage), a page at a time. */
export interface ItemsResponse {
  items: Item[];
  me: { organisation: string | null };
  nextPageToken?: string | null;
}

/** The pages of GET items as one answer. */
export function joinItemPages(pages: ItemsResponse[]): ItemsResponse {
  return { items: pages.flatMap((p) => p.items), me: pages[0]?.me ?? { organisation: null } };
}

export interface ItemWithEtag {
  item: Item;
  etag: string;
}

export interface Filters {
  status: string;
  org: string;
  owner: string;
  priority: string;
  area: string;
  dueFrom: string;
  dueTo: string;
  sort: Sort;
  order: 'asc' | 'desc';
}

export const NO_FILTERS: Filters = { status: '', org: '', owner: '', priority: '', area: '', dueFrom: '', dueTo: '', sort: 'due', order: 'asc' };

/** The query GET items and items.csv take (empty values are dropped by the API client). */
export function toQuery(f: Filters): Record<string, string> {
  const { status, ...rest } = f;
  return { ...rest, ...(status === 'open' ? { open: 'true' } : { status }) };
}

export const statusKey = (s: string) => `status_${s}` as MessageKey;
export const priorityKey = (p: string) => `priority_${p}` as MessageKey;
export const SORT_LABELS: Record<Sort, MessageKey> = { due: 'wpSortDue', priority: 'wpSortPriority', ref: 'wpSortRef', updated: 'wpSortUpdated', status: 'wpSortStatus' };
