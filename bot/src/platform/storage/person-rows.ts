import type { TableClient, TableEntityResult, TransactionAction } from '@azure/data-tables';
import { getOrUndefined, guard, statusOf, toDomainError } from './storage-errors';

export type Row = TableEntityResult<Record<string, unknown>> & { partitionKey: string; rowKey: string; etag: string };

/**
 * Helpers for export and erasure of one person's rows (`npm run person`). Reads are plain
 * filtered scans; every change is written under the ETag read and re-read on a conflict, so
 * an erasure racing a vote or an edit never overwrites it.
 */
export async function scan(table: TableClient, filter: string): Promise<Row[]> {
  return guard(async () => {
    const out: Row[] = [];
    for await (const e of table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) out.push(e as Row);
    return out;
  });
}

/** A row as exported: storage metadata (ETag, OData annotations) left out. */
export function exported(row: Row): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([k]) => k !== 'etag' && !k.startsWith('odata')));
}

/** What to do with a row, decided from its current content. */
export type RowChange = { delete: true } | { replace: Record<string, unknown> } | { actions: TransactionAction[] } | undefined;

const MAX_TRIES = 20;

/**
 * Reads one row, asks `change` what to do with it, writes that under the ETag read (a
 * transaction in the row's partition for `actions`), and starts again on 409/412. Returns
 * whether something was written (false: the row is gone or `change` left it as it is).
 */
export async function rewrite(table: TableClient, pk: string, rk: string, change: (row: Row) => RowChange): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const row = (await getOrUndefined(() => table.getEntity<Record<string, unknown>>(pk, rk))) as Row | undefined;
    if (!row) return false;
    const what = change(row);
    if (!what) return false;
    try {
      if ('delete' in what) await table.deleteEntity(pk, rk, { etag: row.etag });
      else if ('replace' in what) await table.updateEntity({ ...what.replace, partitionKey: pk, rowKey: rk }, 'Replace', { etag: row.etag });
      else await table.submitTransaction(what.actions);
      return true;
    } catch (err) {
      const status = statusOf(err);
      if (status === 404 && 'delete' in what) return false;
      if ((status !== 412 && status !== 409 && status !== 404) || attempt >= MAX_TRIES) throw toDomainError(err);
    }
  }
}

/** The row without its ETag and annotations, ready to be written back changed. */
export function body(row: Row): Record<string, unknown> {
  const { etag: _etag, timestamp: _ts, ...rest } = row as Row & { timestamp?: unknown };
  return Object.fromEntries(Object.entries(rest).filter(([k]) => !k.startsWith('odata')));
}
