/**
 * Command-line check of the decisions register, straight from storage (no bot, no Teams):
 *
 *   node --import tsx bot/src/cli/verify-decisions.ts [--tenant <id>] [--team <id>]
 *
 * Reads the service's own settings (STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_URL,
 * STORAGE_TABLE_PREFIX; a .env file too). Without either, it checks the local Azurite that
 * `npm start` runs on port 10002. Prints, per group, "N decisions, chain intact, head <hash>"
 * or the first record that does not check out and why. Exit code: 0 intact, 1 a register
 * failed verification, 2 it could not check (bad settings or arguments, storage unreachable).
 */
import { DefaultAzureCredential } from '@azure/identity';
import { describeVerification } from '../cards/decisions/verification-text';
import { azuriteConnectionString } from '../dev/azurite';
import { verifyGroupChain } from '../domain/decisions/find-decisions.use-case';
import type { GroupRef } from '../domain/identity';
import { createI18n, translator } from '../i18n/i18n';
import { DECISION_TABLES } from '../storage/decisions/decision.entities';
import { TableDecisionStore } from '../storage/decisions/decision.repository';
import { createTableClients, type StorageTarget } from '../storage/table-client.factory';
import { configOrComplain, type CliIo } from './cli-io';

export async function runVerifyDecisions(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if ('error' in args) {
    io.err(args.error);
    io.err('usage: verify-decisions [--tenant <tenant id>] [--team <team id>]');
    return 2;
  }
  const config = configOrComplain(env, io);
  if (!config) return 2;
  let target: StorageTarget;
  if (config.storage.kind === 'connection-string') target = { kind: 'connection-string', connectionString: config.storage.connectionString };
  else if (config.storage.kind === 'account-url') target = { kind: 'account-url', accountUrl: config.storage.accountUrl, credential: new DefaultAzureCredential() };
  else {
    io.err('No STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_URL: checking the local Azurite of `npm start` (127.0.0.1:10002).');
    target = { kind: 'connection-string', connectionString: azuriteConnectionString(10002) };
  }

  const t = translator(createI18n(), 'en');
  const store = new TableDecisionStore(createTableClients(target, config.storage.tablePrefix).table(DECISION_TABLES.chain));
  try {
    const groups = (await store.groups()).filter((g) => (!args.tenant || g.tenantId === args.tenant) && (!args.team || g.teamId === args.team));
    if (groups.length === 0) {
      io.out(args.team || args.tenant ? 'No register of decisions for that team.' : 'No decisions recorded yet.');
      return args.team || args.tenant ? 1 : 0;
    }
    let broken = 0;
    for (const group of groups) {
      const result = await verifyGroupChain(store, group);
      const text = describeVerification(t, result);
      const line = [text.result, text.detail].filter(Boolean).join(' ');
      if (!result.ok) broken++;
      io.out(`${line} (${label(group)})`);
    }
    return broken ? 1 : 0;
  } catch (err) {
    io.err(`Could not read the register: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
}

function label(g: GroupRef): string {
  return `team ${g.teamId}, tenant ${g.tenantId}`;
}

function parseArgs(argv: readonly string[]): { tenant?: string; team?: string } | { error: string } {
  const out: { tenant?: string; team?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if ((flag === '--tenant' || flag === '--team') && value && !value.startsWith('--')) {
      out[flag === '--tenant' ? 'tenant' : 'team'] = value;
      i++;
    } else return { error: `unexpected argument: ${flag}` };
  }
  return out;
}

if (require.main === module) {
  (async () => {
    (await import('dotenv')).config({ quiet: true });
    const code = await runVerifyDecisions(process.argv.slice(2), process.env, {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    });
    process.exitCode = code;
  })().catch((err: unknown) => {
    process.stderr.write(`verify-decisions failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  });
}
