import { TableClient, TableServiceClient } from '@azure/data-tables';
import { testStorageConnection } from './storage';

/**
 * A fingerprint of everything a service instance stored (its tables: every row's key and
 * ETag). Equal fingerprints before and after a request mean the request changed nothing.
 */
export async function storageFingerprint(prefix: string, ignore: readonly string[] = []): Promise<string> {
  const cs = testStorageConnection();
  const service = TableServiceClient.fromConnectionString(cs, { allowInsecureConnection: true });
  const rows: string[] = [];
  for await (const t of service.listTables()) {
    const name = t.name ?? '';
    if (!name.startsWith(prefix) || ignore.some((i) => name.toLowerCase() === `${prefix}${i}`.toLowerCase())) continue;
    const client = TableClient.fromConnectionString(cs, name, { allowInsecureConnection: true });
    for await (const e of client.listEntities()) rows.push(`${name}|${e.partitionKey}|${e.rowKey}|${e.etag}`);
  }
  return rows.sort().join('\n');
}
