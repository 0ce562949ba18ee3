import { TableClient, TableServiceClient, odata } from '@azure/data-tables';
import type { TokenCredential } from '@azure/identity';
import { batchSeparatorsPolicy } from './batch-separators.policy';

export type StorageTarget =
  | { kind: 'connection-string'; connectionString: string }
  | { kind: 'account-url'; accountUrl: string; credential: TokenCredential };

/** The core's tables; features declare their own (Feature.tables). Letters and digits only. */
export const CORE_TABLES = ['groups', 'members', 'memberships', 'conversations'] as const;
export type TableName = string;

export interface TableClients {
  table(name: TableName): TableClient;
  /** Creates the given tables (default: the core's); safe to call at every start. */
  ensureTables(names?: readonly TableName[]): Promise<void>;
  /** A cheap round trip for /healthz. */
  ping(): Promise<void>;
}

export function createTableClients(target: StorageTarget, prefix: string): TableClients {
  const insecure = target.kind === 'connection-string' && /TableEndpoint=http:/i.test(target.connectionString);
  const options = { allowInsecureConnection: insecure, retryOptions: { maxRetries: 2 } };
  const fullName = (name: TableName) => {
    if (!/^[a-z][A-Za-z0-9]*$/.test(name)) throw new Error(`table name "${name}" must be letters and digits`);
    return `${prefix}${name[0]!.toUpperCase()}${name.slice(1)}`;
  };
  const clients = new Map<TableName, TableClient>();
  const service =
    target.kind === 'connection-string'
      ? TableServiceClient.fromConnectionString(target.connectionString, options)
      : new TableServiceClient(target.accountUrl, target.credential, options);

  const table = (name: TableName): TableClient => {
    let c = clients.get(name);
    if (!c) {
      c =
        target.kind === 'connection-string'
          ? TableClient.fromConnectionString(target.connectionString, fullName(name), options)
          : new TableClient(target.accountUrl, fullName(name), target.credential, options);
      c.pipeline.addPolicy(batchSeparatorsPolicy());
      clients.set(name, c);
    }
    return c;
  };

  return {
    table,
    async ensureTables(names = CORE_TABLES) {
      for (const name of names) await table(name).createTable();
    },
    async ping() {
      // Listing one table is the cheapest authenticated call and fails fast when storage is down.
      const iter = service
        .listTables({ abortSignal: AbortSignal.timeout(2000), queryOptions: { filter: odata`TableName eq ${fullName('groups')}` } })
        .byPage({ maxPageSize: 1 });
      await iter.next();
    },
  };
}
