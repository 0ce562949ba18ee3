import { randomBytes } from 'node:crypto';
import { createStorage, openTables, type QuorumRepositories, type QuorumTables } from '../../bot/src/features/storage';
import { systemClock, type Clock } from '../../bot/src/kernel/clock';
import { createLogger } from '../../bot/src/platform/logging/logger';

export function testStorageConnection(): string {
  const cs = process.env.QUORUM_TEST_STORAGE;
  if (!cs) throw new Error('QUORUM_TEST_STORAGE is not set: run tests through jest (globalSetup starts Azurite)');
  return cs;
}

/** Table names unique to one test file or case, so tests never see each other's rows. */
export function uniquePrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

/** Every repository over `tables`, built by the storage factories the service uses. */
export function testRepositories(tables: QuorumTables, clock: Clock = systemClock): QuorumRepositories {
  return createStorage(tables, { logger: createLogger({ level: 'silent', pretty: false }), clock });
}

export async function testTables(prefix = uniquePrefix()): Promise<{ tables: QuorumTables; repos: QuorumRepositories; prefix: string }> {
  const tables = openTables({ kind: 'connection-string', connectionString: testStorageConnection() }, prefix);
  await tables.ensureTables();
  return { tables, repos: testRepositories(tables), prefix };
}
