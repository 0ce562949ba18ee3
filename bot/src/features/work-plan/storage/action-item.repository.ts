import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { setTimeout as sleep } from 'node:timers/promises';
import { QuorumError } from '../../../kernel/errors';
import type { GroupRef } from '../../../kernel/identity';
import type { Versioned } from '../../../kernel/versioned';
import { refOf, type ActionItem, type HistoryEntry } from '../domain/action-item';
import { itemNotFound } from '../domain/item-errors';
import type { ActionItemRepository, NewHistory, NewItem } from '../domain/ports';
import type { Created, RequestKey } from '../../../kernel/idempotency';
import { createKeyRow, createdBefore } from '../../../platform/storage/idempotency.rows';
import { toKey } from '../../../platform/storage/keys';
import { getOrUndefined, guard, toDomainError } from '../../../platform/storage/storage-errors';
import { ItemIndex, indexActions } from './item-index';
import { fromHistoryEntity, fromItemEntity, historyEntity, itemEntity, type HistoryEntityShape, type ItemEntityShape } from './action-item.entities';

export const WORK_ITEMS_TABLE = 'workItems';
const COUNTER = 'counter';
/** Enough for dozens of people creating items in the same second. */
const MAX_ALLOCATION_TRIES = 200;

/**
 * One partition per group holds its items (RK item|<number>), their history (RK
 * hist|<number>|<revision>, created and never updated) and the reference counter. Every
 * change is one transaction: the item written with the ETag read plus its history rows, so
 * history and item never disagree; a new item also moves the counter with its ETag, so two
 * creators can never get the same reference.
 */
export class TableActionItemRepository implements ActionItemRepository {
  private readonly index: ItemIndex;

  constructor(private readonly table: TableClient) {
    this.index = new ItemIndex(table);
  }

  async get(group: GroupRef, number: number): Promise<Versioned<ActionItem> | undefined> {
    const e = await getOrUndefined(() => this.table.getEntity<ItemEntityShape>(partition(group), itemKey(number)));
    return e && !e.deletedAt ? { value: fromItemEntity(e), etag: e.etag } : undefined;
  }

  async list(group: GroupRef): Promise<ActionItem[]> {
    return (await this.listVersioned(group)).map((v) => v.value);
  }

  async listVersioned(group: GroupRef): Promise<Versioned<ActionItem>[]> {
    const rows = await this.query<ItemEntityShape, ItemEntityShape & { etag: string }>(group, 'item|', 'item}', (e) => e);
    return rows.filter((e) => !e.deletedAt).map((e) => ({ value: fromItemEntity(e), etag: e.etag }));
  }

  async create(item: NewItem, entry: NewHistory, key?: RequestKey): Promise<Created<Versioned<ActionItem>>> {
    const pk = partition(item);
    for (let attempt = 1; ; attempt++) {
      const counter = await getOrUndefined(() => this.table.getEntity<{ last: number }>(pk, COUNTER));
      const number = (counter?.last ?? 0) + 1;
      const value: ActionItem = { ...item, number, revision: 1 };
      const row = { partitionKey: pk, rowKey: COUNTER, last: number };
      const actions: TransactionAction[] = [
        counter ? ['update', row, 'Replace', { etag: counter.etag }] : ['create', row],
        ['create', itemEntity(value)],
        ['create', historyEntity(item, { ...entry, number, revision: 1 })],
        ...(key ? [createKeyRow(pk, key, String(number))] : []),
        ...indexActions(undefined, value),
      ];
      try {
        const res = await this.table.submitTransaction(actions);
        return { value, etag: etagOf(res.subResponses, itemKey(number)), replayed: false };
      } catch (err) {
        if (!isRace(err)) throw toDomainError(err);
        // Lost a race: to an identical request (its key row is there, with its item), or for the number.
        const earlier = key && (await createdBefore(this.table, pk, key));
        if (earlier) return this.replay(item, Number(earlier));
        if (attempt >= MAX_ALLOCATION_TRIES) throw toDomainError(err);
        // Someone took this number: back off a little (with jitter) and take the next one.
        await sleep(Math.random() * Math.min(100, attempt * 5));
      }
    }
  }

  private async replay(group: GroupRef, number: number): Promise<Created<Versioned<ActionItem>>> {
    const found = await this.get(group, number);
    // Created by the first attempt, then deleted: the repeat says so rather than creating it again.
    if (!found) throw itemNotFound(refOf(number));
    return { ...found, replayed: true };
  }

  async update(item: ActionItem, etag: string, entries: NewHistory[], previous: ActionItem): Promise<Versioned<ActionItem>> {
    const value: ActionItem = { ...item, revision: item.revision + entries.length };
    const actions: TransactionAction[] = [
      ['update', itemEntity(value), 'Replace', { etag }],
      ...entries.map((e, i): TransactionAction => ['create', historyEntity(item, { ...e, number: item.number, revision: item.revision + 1 + i })]),
      ...indexActions(previous, value),
    ];
    const res = await this.transact(actions);
    return { value, etag: etagOf(res.subResponses, itemKey(item.number)) };
  }

  async remove(item: ActionItem, etag: string, entry: NewHistory): Promise<void> {
    await this.transact([
      ['update', itemEntity({ ...item, revision: item.revision + 1 }, entry.at), 'Replace', { etag }],
      ['create', historyEntity(item, { ...entry, number: item.number, revision: item.revision + 1 })],
      ...indexActions(item, undefined),
    ]);
  }

  openOf(group: GroupRef, mine: { aadObjectId: string; organisation?: string }): Promise<ActionItem[] | undefined> {
    return this.index.openOf(group, mine);
  }

  async history(group: GroupRef, number: number): Promise<HistoryEntry[]> {
    const prefix = `${toKey('hist', pad(number, 10))}|`;
    return this.query<HistoryEntityShape, HistoryEntry>(group, prefix, `${prefix}~`, fromHistoryEntity);
  }

  private async transact(actions: TransactionAction[]) {
    try {
      return await this.table.submitTransaction(actions);
    } catch (err) {
      if (isRace(err)) throw new QuorumError('concurrent-update', 'item changed since it was read');
      throw toDomainError(err);
    }
  }

  private async query<E extends object, T>(group: GroupRef, from: string, to: string, map: (e: E & { etag: string }) => T): Promise<T[]> {
    return guard(async () => {
      const out: T[] = [];
      const filter = odata`PartitionKey eq ${partition(group)} and RowKey ge ${from} and RowKey lt ${to}`;
      for await (const e of this.table.listEntities<E>({ queryOptions: { filter } })) out.push(map(e));
      return out;
    });
  }
}

export function partition(group: GroupRef): string {
  return toKey(group.tenantId, group.teamId);
}

export function itemKey(number: number): string {
  return toKey('item', pad(number, 10));
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Sub-responses name their row with the key URL-encoded. */
function etagOf(subResponses: { rowKey?: string; etag?: string }[], rowKey: string): string {
  return subResponses.find((r) => r.rowKey !== undefined && (r.rowKey === rowKey || decodeURIComponent(r.rowKey) === rowKey))?.etag ?? '';
}

function isRace(err: unknown): boolean {
  const s = (err as { statusCode?: unknown } | undefined)?.statusCode;
  return s === 409 || s === 412;
}
