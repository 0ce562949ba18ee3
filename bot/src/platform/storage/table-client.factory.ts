import { TableClient, TableServiceClient, odata } from '@azure/data-tables';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { batchSeparatorsPolicy } from './batch-separators.policy';

export type StorageTarget = { kind: 'connection-string'; connectionString: string } | { kind: 'account-url'; accountUrl: string; credential: TokenCredential };

/** In Azure: managed identity (AZURE_CLIENT_ID picks the user-assigned one); developer sign-in locally. */
export function accountUrlTarget(accountUrl: string): StorageTarget {
  return { kind: 'account-url', accountUrl, credential: new DefaultAzureCredential() };
}

/**
 * The core's tables. Every table name is declared once, as a `const` tuple beside the storage
 * that uses it (features in their storage/, the platform's beside its repositories here); the
 * composition root joins them into one catalogue (features/storage.ts). Letters and digits only.
 */
export const CORE_TABLES = ['groups', 'members', 'memberships', 'conversations'] as const;
export type CoreTable = (typeof CORE_TABLES)[number];

/**
 * Table clients by name, where `N` is the catalogue's union of names: a name nobody declared
 * does not compile. Written as properties so that the service's clients (every name) may be
 * handed to a storage factory that asks for its own few, and not the other way round.
 */
export interface TableClients<N extends string> {
  readonly table: (name: N) => TableClient;
  /** Creates the given tables (default: the whole catalogue); safe to call at every start. */
  readonly ensureTables: (names?: readonly N[]) => Promise<void>;
  /** A cheap round trip for /healthz. */
  ping(): Promise<void>;
}

/** `catalogue`: every table the process may use (the core's are always among them). */
export function createTableClients<N extends string>(target: StorageTarget, prefix: string, catalogue: readonly N[]): TableClients<N | CoreTable> {
  type TableName = N | CoreTable;
  const insecure = target.kind === 'connection-string' && /TableEndpoint=http:/i.test(target.connectionString);
  const options = { allowInsecureConnection: insecure, retryOptions: { maxRetries: 2 } };
  const fullName = (name: TableName) => {
    if (!/^[a-z][A-Za-z0-9]*$/.test(name)) throw new Error(`table name "${name}" must be letters and digits`);
    return `${prefix}${name[0]!.toUpperCase()}${name.slice(1)}`;
  };
  const clients = new Map<TableName, TableClient>();
  const service =
    target.kind === 'connection-string' ? TableServiceClient.fromConnectionString(target.connectionString, options) : new TableServiceClient(target.accountUrl, target.credential, options);

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
    async ensureTables(names: readonly TableName[] = catalogue) {
      for (const name of names) await table(name).createTable();
    },
    async ping() {
      // Listing one table is the cheapest authenticated call and fails fast when storage is down.
      const iter = service.listTables({ abortSignal: AbortSignal.timeout(2000), queryOptions: { filter: odata`TableName eq ${fullName(CORE_TABLES[0])}` } }).byPage({ maxPageSize: 1 });
      await iter.next();
    },
  };
}
