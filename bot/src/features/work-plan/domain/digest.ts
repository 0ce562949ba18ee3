import { ITEM_STATUSES, isOpen, type ActionItem, type ItemStatus } from './action-item';
import { addDays } from '../../../kernel/local-time';

export interface DigestContent {
  overdue: ActionItem[];
  dueSoon: ActionItem[];
  doneSince: ActionItem[];
  byStatus: Record<ItemStatus, number>;
  /** Open items per organisation ('' = none), largest first. */
  byOrganisation: { organisation: string; count: number }[];
  /** Owners of overdue and due-soon items, to @mention. */
  ownerIds: string[];
}

export const DIGEST_HORIZON_DAYS = 14;

/** What the weekly digest says, from the items as stored now. */
export function buildDigest(items: readonly ActionItem[], today: string, doneSinceIso: string): DigestContent {
  const open = items.filter(isOpen).sort((a, b) => (a.due ?? '').localeCompare(b.due ?? '') || a.number - b.number);
  const overdue = open.filter((i) => i.due && i.due < today);
  const horizon = addDays(today, DIGEST_HORIZON_DAYS);
  const dueSoon = open.filter((i) => i.due && i.due >= today && i.due <= horizon);
  const doneSince = items.filter((i) => i.status === 'done' && i.doneAt && i.doneAt > doneSinceIso).sort((a, b) => a.number - b.number);
  const byStatus = Object.fromEntries(ITEM_STATUSES.map((s) => [s, items.filter((i) => i.status === s).length])) as Record<ItemStatus, number>;
  const orgs = new Map<string, number>();
  for (const i of open) orgs.set(i.organisation ?? '', (orgs.get(i.organisation ?? '') ?? 0) + 1);
  const byOrganisation = [...orgs].map(([organisation, count]) => ({ organisation, count })).sort((a, b) => b.count - a.count || a.organisation.localeCompare(b.organisation));
  const ownerIds = [...new Set([...overdue, ...dueSoon].flatMap((i) => (i.ownerId ? [i.ownerId] : [])))];
  return { overdue, dueSoon, doneSince, byStatus, byOrganisation, ownerIds };
}
