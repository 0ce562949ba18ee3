import { randomBytes } from 'node:crypto';
import { createRepositories } from '../../bot/src/platform/storage/repositories';
import { createTableClients, type TableClients } from '../../bot/src/platform/storage/table-client.factory';
import type { Repositories } from '../../bot/src/kernel/ports';

export function testStorageConnection(): string {
  const cs = process.env.QUORUM_TEST_STORAGE;
  if (!cs) throw new Error('QUORUM_TEST_STORAGE is not set: run tests through jest (globalSetup starts Azurite)');
  return cs;
}

/** Table names unique to one test file or case, so tests never see each other's rows. */
export function uniquePrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

export async function testTables(prefix = uniquePrefix()): Promise<{ tables: TableClients; repos: Repositories; prefix: string }> {
  const tables = createTableClients({ kind: 'connection-string', connectionString: testStorageConnection() }, prefix);
  await tables.ensureTables();
  return { tables, repos: createRepositories(tables), prefix };
}
