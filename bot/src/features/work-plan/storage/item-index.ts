import { createHash } from 'node:crypto';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { GroupRef } from '../../../kernel/identity';
import { isOpen, type ActionItem } from '../domain/action-item';
import { mapLimit } from '../../../kernel/map-limit';
import { getOrUndefined, guard, statusOf } from '../../../platform/storage/storage-errors';
import { fromItemEntity, itemEntity, type ItemEntityShape } from './action-item.entities';

/**
 * The open items of an owner and of an organisation, so `items` reads the caller's few rather
 * than the whole plan. In the items' partition, beside them: RK own|<hash of owner>|<number>
 * and org|<hash of organisation>|<number>, each a copy of the open item, written in the same
 * transaction as the item itself (a change to the item writes its copies; a copy it no longer
 * has — closed, reassigned, deleted — is overwritten by a tombstone, which works whether or
 * not the row was there). Names are hashed (lower case, as the lists compare them), so no key
 * spells a person's id or an organisation. `ready` marks a partition whose items all have
 * their copies (built once, the first time a list asks).
 */
const READY = 'index|ready';
type Row = Record<string, unknown> & { partitionKey: string; rowKey: string };

const digest = (s: string) => createHash('sha256').update(s.toLowerCase()).digest('hex').slice(0, 32);
const pad = (n: number) => String(n).padStart(10, '0');
const partitionOf = (g: GroupRef) => itemEntity({ tenantId: g.tenantId, teamId: g.teamId, number: 0 } as ActionItem).partitionKey;

function keysOf(item: ActionItem | undefined): string[] {
  if (!item || !isOpen(item)) return [];
  return [...(item.ownerId ? [`own|${digest(item.ownerId)}|${pad(item.number)}`] : []), ...(item.organisation ? [`org|${digest(item.organisation)}|${pad(item.number)}`] : [])];
}

/** What keeps the index true when an item goes from `before` to `after` (undefined: none, deleted). */
export function indexActions(before: ActionItem | undefined, after: ActionItem | undefined): TransactionAction[] {
  const live = keysOf(after);
  const item = after ?? before;
  if (!item) return [];
  const pk = partitionOf(item);
  const copies = live.map((rowKey): TransactionAction => ['upsert', { ...itemEntity(after!), rowKey }, 'Replace']);
  const tombstones = keysOf(before)
    .filter((k) => !live.includes(k))
    .map((rowKey): TransactionAction => ['upsert', { partitionKey: pk, rowKey, gone: true }, 'Replace']);
  return [...copies, ...tombstones];
}

export class ItemIndex {
  constructor(private readonly table: TableClient) {}

  /**
   * The open items the person owns or their organisation holds; undefined while the group's
   * index is not built yet (the caller reads the whole plan then, and the index is built).
   */
  async openOf(group: GroupRef, mine: { aadObjectId: string; organisation?: string }): Promise<ActionItem[] | undefined> {
    const pk = partitionOf(group);
    const range = async (prefix: string) => {
      const rows: (Row & { etag: string })[] = [];
      const filter = odata`PartitionKey eq ${pk} and RowKey gt ${`${prefix}|`} and RowKey lt ${`${prefix}}`}`;
      await guard(async () => {
        for await (const e of this.table.listEntities<Row>({ queryOptions: { filter } })) rows.push(e as Row & { etag: string });
      });
      return rows;
    };
    const [ready, own, org] = await Promise.all([
      getOrUndefined(() => this.table.getEntity(pk, READY)),
      range(`own|${digest(mine.aadObjectId)}`),
      mine.organisation ? range(`org|${digest(mine.organisation)}`) : Promise.resolve([]),
    ]);
    if (!ready) {
      this.buildOnce(group);
      return undefined;
    }
    const byNumber = new Map<number, ActionItem>();
    for (const row of [...own, ...org]) {
      if (!row.gone) {
        const item = fromItemEntity(row as unknown as ItemEntityShape);
        byNumber.set(item.number, item);
        continue;
      }
      // Read once, then cleared (unless the item came back meanwhile: its copy has another ETag).
      this.table.deleteEntity(pk, row.rowKey, { etag: row.etag }).catch(() => undefined);
    }
    return [...byNumber.values()];
  }

  private readonly building = new Set<string>();

  private buildOnce(group: GroupRef): void {
    const pk = partitionOf(group);
    if (this.building.has(pk)) return;
    this.building.add(pk);
    this.build(group)
      .catch(() => undefined)
      .finally(() => this.building.delete(pk));
  }

  /**
   * Copies of every open item, each created only if its row is not there: a change made
   * meanwhile wrote the current copy (or its tombstone) first, and is kept. Then `ready`.
   */
  private async build(group: GroupRef): Promise<void> {
    const pk = partitionOf(group);
    const filter = odata`PartitionKey eq ${pk} and RowKey ge ${'item|'} and RowKey lt ${'item}'}`;
    const items: ActionItem[] = [];
    for await (const e of this.table.listEntities<ItemEntityShape>({ queryOptions: { filter } })) if (!e.deletedAt) items.push(fromItemEntity(e));
    const rows = items.flatMap((i) => indexActions(undefined, i)).map(([, row]) => row as Row);
    await mapLimit(rows, 16, async (row) => {
      try {
        await this.table.createEntity(row);
      } catch (err) {
        if (statusOf(err) !== 409) throw err;
      }
    });
    await this.table.upsertEntity({ partitionKey: pk, rowKey: READY }, 'Replace');
  }
}
