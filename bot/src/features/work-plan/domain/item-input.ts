import type { MemberRepository } from '../../../kernel/ports';
import type { GroupRef } from '../../../kernel/identity';
import { LIMITS, PRIORITIES, ITEM_STATUSES, type ItemStatus, type Priority } from './action-item';
import { invalid } from './item-errors';
import { isLocalDate } from '../../../kernel/local-time';

/** What a user may set on an item (from a card, a chat line or the tab). Strings are untrusted. */
export interface ItemFields {
  title?: string;
  description?: string;
  /** Entra object id; null clears it. */
  ownerId?: string | null;
  organisation?: string | null;
  priority?: Priority;
  status?: ItemStatus;
  progress?: number;
  /** YYYY-MM-DD in the group's zone; null clears it. */
  due?: string | null;
  area?: string | null;
  sessionId?: string;
  note?: string;
}

/**
 * Checks the values themselves (not who may change them). Text is kept exactly as typed —
 * markup and `${...}` included — because cards only ever show it literally.
 */
export function checkFields(f: ItemFields, today: string): void {
  if (f.title !== undefined) {
    if (f.title.trim() === '') throw invalid('emptyTitle');
    if (f.title.length > LIMITS.title) throw invalid('longTitle', { max: LIMITS.title });
  }
  if (f.description !== undefined && f.description.length > LIMITS.description) throw invalid('longDescription', { max: LIMITS.description });
  if (f.area && f.area.length > LIMITS.area) throw invalid('longArea', { max: LIMITS.area });
  if (f.organisation && f.organisation.length > LIMITS.organisation) throw invalid('unknownOrganisation', { organisation: f.organisation.slice(0, 40) });
  if (f.note !== undefined) {
    if (f.note.trim() === '') throw invalid('emptyNote');
    if (f.note.length > LIMITS.note) throw invalid('longNote', { max: LIMITS.note });
  }
  if (f.priority !== undefined && !PRIORITIES.includes(f.priority)) throw invalid('badPriority');
  if (f.status !== undefined && !ITEM_STATUSES.includes(f.status)) throw invalid('badStatus');
  if (f.progress !== undefined && (!Number.isInteger(f.progress) || f.progress < 0 || f.progress > 100)) throw invalid('badProgress');
  if (f.due) {
    if (!isLocalDate(f.due)) throw invalid('badDate', { value: f.due.slice(0, 40) });
    if (f.due < today) throw invalid('pastDate', { value: f.due, today });
  }
}

/** "42", " 42 ", 42 → 42; anything else (e.g. "12.5", "abc", "") → a catalogued error. */
export function toProgress(value: string | number): number {
  const n = typeof value === 'number' ? value : /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 100) throw invalid('badProgress');
  return n;
}

/** The owner must be an active member of this group (ids from another group are refused). */
export async function checkOwner(members: MemberRepository, group: GroupRef, ownerId: string): Promise<{ name: string; userId?: string }> {
  const m = await members.get(group, ownerId);
  if (!m || !m.value.active) throw invalid('unknownOwner');
  return { name: m.value.name, ...(m.value.userId ? { userId: m.value.userId } : {}) };
}

export function checkOrganisation(organisations: readonly string[], organisation: string): string {
  const match = organisations.find((o) => o.toLowerCase() === organisation.trim().toLowerCase());
  if (!match) throw invalid('unknownOrganisation', { organisation: organisation.slice(0, 40) });
  return match;
}
