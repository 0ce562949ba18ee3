import type { GroupRef } from '../../../kernel/identity';
import type { ActionItem, HistoryEntry } from '../domain/action-item';
import { toKey } from '../../../platform/storage/keys';

type Row = Record<string, unknown> & { partitionKey: string; rowKey: string };
/** A deleted item keeps its row (with deletedAt) so its reference is never handed out or shown again. */
export type ItemEntityShape = ActionItem & { partitionKey: string; rowKey: string; deletedAt?: string };
export type HistoryEntityShape = HistoryEntry & { partitionKey: string; rowKey: string };

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const ITEM_OPTIONAL = ['ownerId', 'organisation', 'due', 'area', 'sessionId', 'doneAt'] as const;

function defined(o: object): Row {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Row;
}

export function itemEntity(i: ActionItem, deletedAt?: string): Row {
  return defined({ ...i, deletedAt, partitionKey: toKey(i.tenantId, i.teamId), rowKey: toKey('item', pad(i.number, 10)) });
}

export function fromItemEntity(e: ItemEntityShape): ActionItem {
  const i: ActionItem = {
    tenantId: e.tenantId,
    teamId: e.teamId,
    number: e.number,
    title: e.title,
    description: e.description ?? '',
    priority: e.priority,
    status: e.status,
    progress: e.progress,
    createdBy: e.createdBy,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    revision: e.revision,
  };
  for (const k of ITEM_OPTIONAL) if (e[k]) i[k] = e[k];
  return i;
}

export function historyEntity(group: GroupRef, h: HistoryEntry): Row {
  return defined({ ...h, partitionKey: toKey(group.tenantId, group.teamId), rowKey: toKey('hist', pad(h.number, 10), pad(h.revision, 6)) });
}

export function fromHistoryEntity(e: HistoryEntityShape): HistoryEntry {
  const h: HistoryEntry = { number: e.number, revision: e.revision, at: e.at, by: e.by, byName: e.byName ?? '', field: e.field };
  if (e.from !== undefined) h.from = e.from;
  if (e.to !== undefined) h.to = e.to;
  return h;
}
