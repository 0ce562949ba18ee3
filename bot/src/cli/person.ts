/**
 * What Quorum stores about one person, exported or erased, straight from storage:
 *
 *   npm run person -- export --tenant <tenant id> --user <Entra object id> [--team <team id>] [--out <file>]
 *   npm run person -- erase  --tenant <tenant id> --user <Entra object id> [--team <team id>] [--out <file>] --yes
 *
 * Every feature answers for its own rows (Feature.personalData); docs/security.md says what
 * each keeps and how it is erased. Reads the service's settings like the service (storage,
 * table prefix, INITIAL_CO_CHAIRS; a .env file too); without storage settings it uses the
 * local Azurite of `npm start`. The export is JSON (stdout, or --out, written readable by the
 * owner only); the summary goes to stderr for export and stdout for erase. Exit code: 0 done,
 * 1 no team of that tenant is known, 2 bad arguments or settings, or storage failed.
 */
import { writeFileSync } from 'node:fs';
import type { QuorumConfig } from '../platform/config';
import { azuriteConnectionString } from '../dev/azurite';
import { systemClock } from '../kernel/clock';
import { QuorumError } from '../kernel/errors';
import type { GroupRef } from '../kernel/identity';
import { parseObjectId, type PersonRef } from '../kernel/person-data';
import { RolePolicy } from '../kernel/roles';
import { createI18n } from '../platform/i18n/i18n';
import { createLogger } from '../platform/logging/logger';
import { scrub } from '../platform/logging/scrub';
import { DEFAULT_SCHEDULER_OPTIONS, JobScheduler, newInstanceId } from '../platform/scheduler/job-scheduler';
import { createJobStore } from '../platform/storage/table-job-store';
import { toDomainError } from '../platform/storage/storage-errors';
import { accountUrlTarget, type StorageTarget } from '../platform/storage/table-client.factory';
import { createFeatures } from '../features/index';
import { createStorage, openTables, type QuorumContext } from '../features/storage';
import { configOrComplain, type CliIo } from './cli-io';

const USAGE = [
  'usage: npm run person -- export --tenant <tenant id> --user <Entra object id> [--team <team id>] [--out <file>]',
  '       npm run person -- erase  --tenant <tenant id> --user <Entra object id> [--team <team id>] [--out <file>] --yes',
];

interface Args {
  action: 'export' | 'erase';
  tenant: string;
  user: string;
  team?: string;
  out?: string;
  yes: boolean;
}

export async function runPerson(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if ('error' in args) {
    io.err(args.error);
    for (const line of USAGE) io.err(line);
    return 2;
  }
  if (args.action === 'erase' && !args.yes) {
    io.err('Erasing cannot be undone. Export first if you need a copy (--out <file> does both), then run again with --yes.');
    return 2;
  }
  const config = configOrComplain(env, io);
  if (!config) return 2;
  try {
    const { ctx, ensureTables } = featureContext(config, io);
    const features = createFeatures(ctx).filter((f) => f.personalData);
    await ensureTables();
    const groups = await groupsOf(ctx, args.tenant, args.team);
    if (groups.length === 0) {
      io.err(args.team ? `Quorum knows no team ${args.team} in tenant ${args.tenant}.` : `Quorum knows no team in tenant ${args.tenant}.`);
      return 1;
    }
    const person: PersonRef = { tenantId: args.tenant, aadObjectId: args.user, groups: groups.map(({ tenantId, teamId }) => ({ tenantId, teamId })) };
    const sections: Record<string, unknown> = {};
    for (const f of features) sections[f.name] = await f.personalData!.export(person);
    const document = { format: 'quorum-person-export/1', person: { tenantId: args.tenant, aadObjectId: args.user }, exportedAt: ctx.clock.now().toISOString(), groups, features: sections };
    const json = `${JSON.stringify(document, null, 2)}\n`;
    if (args.out) writeFileSync(args.out, json, { mode: 0o600 });
    else if (args.action === 'export') io.out(json.trimEnd());

    const say = args.action === 'export' ? io.err : io.out;
    say(`Person ${args.user} (tenant ${args.tenant}), ${groups.length} team(s) looked at:`);
    for (const [name, found] of Object.entries(sections)) say(`  found in ${name}: ${describe(Object.fromEntries(Object.entries(found as Record<string, unknown[]>).map(([k, v]) => [k, v.length])))}`);
    if (args.out) say(`Export written to ${args.out}.`);
    if (args.action === 'export') return 0;

    for (const f of features) {
      const done = await f.personalData!.erase(person);
      say(`  erased in ${f.name}: ${describe(done.counts)}`);
      for (const note of done.notes ?? []) say(`    note: ${note}`);
    }
    say('Done. Run the export again to see what is left (records kept on purpose are listed above).');
    return 0;
  } catch (err) {
    // Never the SDK's error: it can carry a whole request, headers included.
    const e = toDomainError(err);
    const what = scrub(e instanceof QuorumError ? `${e.code}: ${e.message}` : e instanceof Error ? (e.message.split('\n')[0] ?? '') : 'unexpected failure');
    io.err(
      `Could not ${args.action} the person's data (${what}).${args.action === 'erase' ? ' Run it again: each change is one conditional write, so a second run finishes what the first started.' : ''}`,
    );
    return 2;
  }
}

function describe(counts: Record<string, number>): string {
  const parts = Object.entries(counts).map(([k, n]) => `${n} ${k}`);
  return parts.length ? parts.join(', ') : 'nothing';
}

/** This command's composition root: the service's storage and features, with nothing that posts or runs jobs. */
function featureContext(config: QuorumConfig, io: CliIo): { ctx: QuorumContext; ensureTables: () => Promise<void> } {
  let target: StorageTarget;
  if (config.storage.kind === 'connection-string') target = { kind: 'connection-string', connectionString: config.storage.connectionString };
  else if (config.storage.kind === 'account-url') target = accountUrlTarget(config.storage.accountUrl);
  else {
    io.err('No STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_URL: using the local Azurite of `npm start` (127.0.0.1:10002).');
    target = { kind: 'connection-string', connectionString: azuriteConnectionString(10002) };
  }
  const tables = openTables(target, config.storage.tablePrefix);
  const logger = createLogger({ level: 'silent', pretty: false });
  const repos = createStorage(tables, { logger, clock: systemClock });
  const refuse = async (): Promise<never> => {
    throw new Error('the person command posts nothing to Teams');
  };
  const ctx: QuorumContext = {
    repos,
    roles: new RolePolicy(repos.members, config.initialCoChairs),
    clock: systemClock,
    logger,
    notifier: { postToGroup: refuse, postToConversation: refuse, update: refuse },
    // Never started: built only because features take one.
    scheduler: new JobScheduler(createJobStore(tables), systemClock, logger, { ...DEFAULT_SCHEDULER_OPTIONS, instanceId: newInstanceId() }),
    i18n: createI18n(),
    publicBaseUrl: config.publicBaseUrl,
  };
  return { ctx, ensureTables: () => tables.ensureTables() };
}

async function groupsOf(ctx: QuorumContext, tenantId: string, teamId: string | undefined): Promise<(GroupRef & { name: string })[]> {
  const groups = await ctx.repos.groups.inTenant(tenantId);
  return groups.map((g) => ({ tenantId: g.tenantId, teamId: g.teamId, name: g.name })).filter((g) => g.tenantId === tenantId && (!teamId || g.teamId === teamId));
}

function parseArgs(argv: readonly string[]): Args | { error: string } {
  const [action, ...rest] = argv;
  if (action !== 'export' && action !== 'erase') return { error: action ? `unknown action "${action}": use export or erase` : 'missing action: export or erase' };
  const values: Partial<Record<'tenant' | 'user' | 'team' | 'out', string>> = {};
  let yes = false;
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]!;
    if (flag === '--yes') {
      yes = true;
      continue;
    }
    const name = flag.replace(/^--/, '');
    if (!flag.startsWith('--') || !['tenant', 'user', 'team', 'out'].includes(name)) return { error: `unexpected argument: ${flag}` };
    const value = rest[i + 1];
    if (!value || value.startsWith('--')) return { error: `${flag} needs a value` };
    values[name as keyof typeof values] = value;
    i++;
  }
  const tenant = parseObjectId(values.tenant);
  const user = parseObjectId(values.user);
  if (!values.tenant) return { error: '--tenant is required (the tenant id, a GUID)' };
  if (!tenant) return { error: `--tenant must be a tenant id (a GUID), not "${values.tenant.slice(0, 80)}"` };
  if (!values.user) return { error: "--user is required (the person's Entra object id, a GUID — not an e-mail or a name)" };
  if (!user) return { error: `--user must be an Entra object id (a GUID — not an e-mail or a name), not "${values.user.slice(0, 80)}"` };
  return { action, tenant, user, yes, ...(values.team ? { team: values.team } : {}), ...(values.out ? { out: values.out } : {}) };
}

if (require.main === module) {
  (async () => {
    (await import('dotenv')).config({ quiet: true });
    process.exitCode = await runPerson(process.argv.slice(2), process.env, {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    });
  })().catch((err: unknown) => {
    process.stderr.write(`person failed: ${scrub(err instanceof Error ? (err.message.split('\n')[0] ?? '') : 'unexpected failure')}\n`);
    process.exitCode = 2;
  });
}
