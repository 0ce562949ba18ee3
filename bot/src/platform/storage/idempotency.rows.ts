import type { TableClient, TransactionAction } from '@azure/data-tables';
import { keyReused, type RequestKey } from '../../kernel/idempotency';
import { getOrUndefined } from './storage-errors';

/**
 * A request key is a row in the partition of what it created, created in the same
 * transaction: it exists exactly when the entity does, and its create is what decides
 * between two identical requests (the second one's transaction fails with 409). It is read
 * only after a failed write, so the normal path costs no extra call.
 *
 * Kept for good: a row is ~200 bytes per created entity (a group creates hundreds a year),
 * and with no expiry a retry however late still finds its first answer, with no sweeper to run.
 */
export const KEY_ROW_PREFIX = 'idem|';

interface KeyRowEntity {
  partitionKey: string;
  rowKey: string;
  fingerprint: string;
  /** The created entity's own key (an item number, a decision reference). */
  ref: string;
}

export const keyRowKey = (key: RequestKey): string => `${KEY_ROW_PREFIX}${key.id}`;
export const isKeyRow = (rowKey: string): boolean => rowKey.startsWith(KEY_ROW_PREFIX);

export function createKeyRow(partitionKey: string, key: RequestKey, ref: string, columns: Record<string, string> = {}): TransactionAction {
  return ['create', { ...columns, partitionKey, rowKey: keyRowKey(key), fingerprint: key.fingerprint, ref }];
}

/** What the key created (undefined: nothing yet); refused when the key came with another request. */
export async function createdBefore(table: TableClient, partitionKey: string, key: RequestKey, reusedReason?: string): Promise<string | undefined> {
  const row = await getOrUndefined(() => table.getEntity<KeyRowEntity>(partitionKey, keyRowKey(key)));
  if (!row) return undefined;
  if (row.fingerprint !== key.fingerprint) throw keyReused(reusedReason);
  return row.ref;
}
