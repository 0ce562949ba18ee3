import type { GroupRef } from '../../../kernel/identity';

export const ITEM_STATUSES = ['open', 'in-progress', 'blocked', 'done', 'dropped'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Closed items get no reminders and are not "open" for sessions or `items`. */
export const CLOSED: ReadonlySet<ItemStatus> = new Set(['done', 'dropped']);

export const LIMITS = { title: 200, description: 4000, area: 100, organisation: 100, note: 1000 } as const;

export interface ActionItem extends GroupRef {
  /** The item's number in its group: its reference is `A-<number>`. */
  number: number;
  title: string;
  description: string;
  /** Entra object id of the owning member, when a member owns it. */
  ownerId?: string;
  organisation?: string;
  priority: Priority;
  status: ItemStatus;
  progress: number;
  /** A local date (YYYY-MM-DD) in the group's time zone. */
  due?: string;
  area?: string;
  sessionId?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** When it was marked done (for the digest's "done since"). */
  doneAt?: string;
  /** Number of history entries written so far (the next one is numbered after it). */
  revision: number;
}

/** One change, kept append-only: who, when, and what changed from what to what. */
export interface HistoryEntry {
  number: number;
  revision: number;
  at: string;
  by: string;
  byName: string;
  /** 'created', a field name ('status', 'due'…), 'note' or 'deleted'. */
  field: string;
  from?: string;
  to?: string;
}

export function refOf(number: number): string {
  return `A-${number}`;
}

/** `A-17`, `a-17` or `17` → 17. */
export function parseRef(text: string): number | undefined {
  const m = /^(?:a-?)?(\d{1,9})$/i.exec(text.trim());
  return m ? Number(m[1]) : undefined;
}

export function isOpen(item: Pick<ActionItem, 'status'>): boolean {
  return !CLOSED.has(item.status);
}
