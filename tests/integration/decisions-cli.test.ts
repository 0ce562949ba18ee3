import type { Group } from '../../bot/src/kernel/group';
import { KeyedSerializer } from '../../bot/src/kernel/keyed-serializer';
import { wellFormedLinksOnly } from '../../bot/src/features/decisions/domain/ports';
import { recordDecision } from '../../bot/src/features/decisions/domain/record-decision.use-case';
import { RolePolicy } from '../../bot/src/kernel/roles';
import { DECISION_TABLES, groupPartition, recordRowKey } from '../../bot/src/features/decisions/storage/decision.entities';
import { TableDecisionStore } from '../../bot/src/features/decisions/storage/decision.repository';
import { testStorageConnection, testTables, testRepositories } from '../support/storage';
import { runCli } from '../support/cli';

const TENANT = '5f2b2c7e-7b1e-4c1a-9d7e-0a1b2c3d4e5f';
const CHAIR = { tenantId: TENANT, aadObjectId: '0d6b1c3e-5a7f-4e2b-8c9d-1f2e3a4b5c6d' };

/** The verifier as an operator runs it: a separate Node process reading the same settings as the service. */
const verify = (env: Record<string, string>, args: string[] = []) => runCli('bot/src/cli/verify-decisions.ts', args, env, 25_000);

describe('npm run decisions:verify (bot/src/cli/verify-decisions.ts) against Azurite', () => {
  let prefix: string;
  let group: Group;
  let env: Record<string, string>;
  const table = () => testTables(prefix).then((t) => t.tables.table(DECISION_TABLES.chain));

  beforeAll(async () => {
    const t = await testTables();
    prefix = t.prefix;
    await t.tables.ensureTables([DECISION_TABLES.chain, DECISION_TABLES.people]);
    group = { tenantId: TENANT, teamId: '19:cli@thread.tacv2', name: 'SIG', active: true, timeZone: 'UTC', installedAt: '2026-01-01T00:00:00Z' };
    const deps = {
      store: testRepositories(t.tables).decisions.store,
      people: testRepositories(t.tables).decisions.people,
      links: wellFormedLinksOnly,
      // No roster here: the chair is configured for this team by name.
      roles: new RolePolicy(t.repos.members, [{ ...CHAIR, teamId: '19:cli@thread.tacv2' }]),
      clock: { now: () => new Date('2026-05-04T09:00:00Z') },
      serializer: new KeyedSerializer(),
    };
    for (let i = 1; i <= 5; i++) await recordDecision(deps, CHAIR, group, { title: `Decision ${i}`, text: `Text ${i}` });
    env = { STORAGE_CONNECTION_STRING: testStorageConnection(), STORAGE_TABLE_PREFIX: prefix };
  });

  it('prints the count and head of an intact chain and exits 0', async () => {
    const head = (await new TableDecisionStore(await table()).head(group))!.value.hash;
    const run = await verify(env);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(`5 decisions, chain intact, head ${head} (team ${group.teamId}, tenant ${TENANT})`);
    expect(run.code).toBe(0);
  }, 30_000);

  it('names a record whose text was changed, and exits 1', async () => {
    const t = await table();
    const pk = groupPartition(group);
    const original = await t.getEntity<{ text: string }>(pk, recordRowKey(3));
    await t.updateEntity({ partitionKey: pk, rowKey: recordRowKey(3), text: 'Changed behind our back' }, 'Merge');
    const run = await verify(env, ['--team', group.teamId]);
    expect(run.stdout).toContain('The register does not verify: content changed at D-2026-003 (record #3).');
    expect(run.code).toBe(1);
    await t.updateEntity({ partitionKey: pk, rowKey: recordRowKey(3), text: original.text }, 'Merge');
    expect((await verify(env)).code).toBe(0);
  }, 60_000);

  it('names two swapped records, then a deleted one', async () => {
    const t = await table();
    const pk = groupPartition(group);
    const strip = ({ etag: _e, timestamp: _t, 'odata.metadata': _m, ...rest }: Record<string, unknown>) => rest;
    const two = await t.getEntity<Record<string, unknown>>(pk, recordRowKey(2));
    const four = await t.getEntity<Record<string, unknown>>(pk, recordRowKey(4));
    await t.updateEntity({ ...strip(four), partitionKey: pk, rowKey: recordRowKey(2) }, 'Replace');
    await t.updateEntity({ ...strip(two), partitionKey: pk, rowKey: recordRowKey(4) }, 'Replace');
    const swapped = await verify(env);
    expect(swapped.stdout).toContain('order changed at D-2026-004 (record #2)');
    expect(swapped.code).toBe(1);

    await t.updateEntity({ ...strip(two), partitionKey: pk, rowKey: recordRowKey(2) }, 'Replace');
    await t.updateEntity({ ...strip(four), partitionKey: pk, rowKey: recordRowKey(4) }, 'Replace');
    await t.deleteEntity(pk, recordRowKey(4));
    const deleted = await verify(env);
    expect(deleted.stdout).toContain('record missing at record #4');
    expect(deleted.stdout).toContain('after D-2026-003 and before D-2026-005');
    expect(deleted.code).toBe(1);
  }, 60_000);

  it('exits 2 on bad settings, naming the setting', async () => {
    const run = await verify({ ...env, STORAGE_TABLE_PREFIX: '9-not-a-prefix' });
    expect(run.stderr).toContain('STORAGE_TABLE_PREFIX');
    expect(run.code).toBe(2);
  }, 30_000);
});
