/**
 * Command-line check of the decisions register, straight from storage (no bot, no Teams):
 *
 *   node --import tsx bot/src/cli/verify-decisions.ts [--tenant <id>] [--team <id>]
 *        [--expect <seq>:<hash>]... [--checkpoint <file>]
 *
 * Reads the service's own settings (STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_URL,
 * STORAGE_TABLE_PREFIX; a .env file too). Without either, it checks the local Azurite that
 * `npm start` runs on port 10002. Prints, per group, "N decisions, chain intact, head <hash>"
 * or the first record that does not check out and why. Registers are found from their rows
 * (a head, records, or both) and from the groups table; rows that belong to no register fail
 * too. --expect checks a head someone kept (from a channel post: record #seq had this hash);
 * --checkpoint checks every record hash of a checkpoint a co-chair downloaded from the tab
 * (docs/decision-register.md). Exit code: 0 intact, 1 a register
 * failed verification, 2 it could not check (bad settings or arguments, storage unreachable).
 */
import { readFileSync } from 'node:fs';
import { describeVerification, parseAnchor, parseCheckpoint, SHORT_HASH_LENGTH, verifyGroupChain, type ChainAnchor, type DecisionStore, type RegisterLocation } from '../features/decisions';
import { azuriteConnectionString } from '../dev/azurite';
import type { GroupRef } from '../kernel/identity';
import { createI18n, translator, type Translate } from '../platform/i18n/i18n';
import { createDecisionsStorage } from '../features/decisions/storage/decisions.storage';
import { allRegisters } from '../features/decisions/storage/register-locations';
import { openTables } from '../features/storage';
import { accountUrlTarget, type StorageTarget } from '../platform/storage/table-client.factory';
import { configOrComplain, type CliIo } from './cli-io';

export async function runVerifyDecisions(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const args = parseArgs(argv, io);
  if ('error' in args) {
    io.err(args.error);
    io.err(USAGE);
    return 2;
  }
  const config = configOrComplain(env, io);
  if (!config) return 2;
  let target: StorageTarget;
  if (config.storage.kind === 'connection-string') target = { kind: 'connection-string', connectionString: config.storage.connectionString };
  else if (config.storage.kind === 'account-url') target = accountUrlTarget(config.storage.accountUrl);
  else {
    io.err('No STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_URL: checking the local Azurite of `npm start` (127.0.0.1:10002).');
    target = { kind: 'connection-string', connectionString: azuriteConnectionString(10002) };
  }

  const t = translator(createI18n(), 'en');
  const tables = openTables(target, config.storage.tablePrefix);
  const { store } = createDecisionsStorage(tables);
  try {
    const selected = (await allRegisters(store, tables.table('groups'))).filter((l) => matches(l, args));
    if (args.anchors.length > 0 && selected.length !== 1) {
      io.err(selected.length === 0 ? 'No register of decisions for that team: the kept head cannot be in it.' : '--expect and --checkpoint check one register: name it with --team (and --tenant).');
      return selected.length === 0 ? 1 : 2;
    }
    if (selected.length === 0) {
      io.out(args.team || args.tenant ? 'No register of decisions for that team.' : 'No decisions recorded yet.');
      return args.team || args.tenant ? 1 : 0;
    }
    let broken = 0;
    for (const location of selected) {
      const line = await checkOne(store, t, location, args.anchors);
      if (!line.ok) broken++;
      io.out(line.text);
    }
    return broken ? 1 : 0;
  } catch (err) {
    io.err(`Could not read the register: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
}

async function checkOne(store: DecisionStore, t: Translate, location: RegisterLocation, anchors: readonly ChainAnchor[]): Promise<{ ok: boolean; text: string }> {
  if (!location.group) {
    return { ok: false, text: `The register does not verify: ${location.strays} rows stored under "${location.where}" belong to no team's register (rows moved, or their team fields changed).` };
  }
  const result = await verifyGroupChain(store, location.group, anchors);
  const text = describeVerification(t, result);
  if (result.ok && location.strays > 0) {
    return { ok: false, text: `The register does not verify: ${location.strays} rows stored with it are not part of it (another team's, or no chain position). (${label(location.group)})` };
  }
  const kept = result.ok && anchors.length ? ` Matches the kept head${anchors.length > 1 ? 's' : ''} (${anchors.length}).` : '';
  return { ok: result.ok, text: `${[text.result, text.detail].filter(Boolean).join(' ')}${kept} (${label(location.group)})` };
}

function matches(l: RegisterLocation, args: Args): boolean {
  // A place no group can be named for is shown only when every register is checked.
  if (!l.group) return !args.tenant && !args.team;
  return (!args.tenant || l.group.tenantId === args.tenant) && (!args.team || l.group.teamId === args.team);
}

function label(g: GroupRef): string {
  return `team ${g.teamId}, tenant ${g.tenantId}`;
}

const USAGE = 'usage: verify-decisions [--tenant <tenant id>] [--team <team id>] [--expect <seq>:<hash>]... [--checkpoint <file>]';

interface Args {
  tenant?: string;
  team?: string;
  anchors: ChainAnchor[];
}

function parseArgs(argv: readonly string[], io: CliIo): Args | { error: string } {
  const out: Args = { anchors: [] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (!value || value.startsWith('--')) return { error: `unexpected argument: ${flag}` };
    i++;
    if (flag === '--tenant') out.tenant = value;
    else if (flag === '--team') out.team = value;
    else if (flag === '--expect') {
      const anchor = parseAnchor(value);
      if (!anchor) return { error: `--expect ${value}: give <seq>:<hash>, the hash in full or its first ${SHORT_HASH_LENGTH} hex digits or more` };
      out.anchors.push(anchor);
    } else if (flag === '--checkpoint') {
      const checkpoint = readCheckpointFile(value);
      if ('error' in checkpoint) return checkpoint;
      if ((out.tenant && out.tenant !== checkpoint.tenantId) || (out.team && out.team !== checkpoint.teamId)) return { error: 'the checkpoint is of another team than --tenant/--team' };
      out.tenant = checkpoint.tenantId;
      out.team = checkpoint.teamId;
      out.anchors.push(...checkpoint.anchors);
      io.err(`Checkpoint of ${checkpoint.anchors.length} records (head #${checkpoint.seq}) from ${value}.`);
    } else return { error: `unexpected argument: ${flag}` };
  }
  return out;
}

function readCheckpointFile(file: string): ReturnType<typeof parseCheckpoint> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { error: `cannot read the checkpoint file ${file}` };
  }
  return parseCheckpoint(text);
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
