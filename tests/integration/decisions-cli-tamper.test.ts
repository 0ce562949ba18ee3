import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TableClient } from '@azure/data-tables';
import type { Group } from '../../bot/src/kernel/group';
import type { DecisionRecord } from '../../bot/src/features/decisions/domain/decision';
import { hashDecisionContent } from '../../bot/src/features/decisions/domain/decision-hash';
import { buildCheckpoint } from '../../bot/src/features/decisions/domain/checkpoint';
import { KeyedSerializer } from '../../bot/src/kernel/keyed-serializer';
import { wellFormedLinksOnly } from '../../bot/src/features/decisions/domain/ports';
import { recordDecision } from '../../bot/src/features/decisions/domain/record-decision.use-case';
import { RolePolicy } from '../../bot/src/kernel/roles';
import { DECISION_TABLES, groupPartition, HEAD_ROW, recordEntity, recordRowKey } from '../../bot/src/features/decisions/storage/decision.entities';
import { runCli } from '../support/cli';
import { testStorageConnection, testTables, testRepositories } from '../support/storage';

const TENANT = '5f2b2c7e-7b1e-4c1a-9d7e-0a1b2c3d4e5f';
const CHAIR = { tenantId: TENANT, aadObjectId: '0d6b1c3e-5a7f-4e2b-8c9d-1f2e3a4b5c6d' };
const verify = (env: Record<string, string>, args: string[] = []) => runCli('bot/src/cli/verify-decisions.ts', args, env, 25_000);

/** A fresh storage (own table prefix) holding one installed group with `n` decisions. */
async function registerOf(n: number, teamId = '19:tamper@thread.tacv2') {
  const { tables, repos, prefix } = await testTables();
  await tables.ensureTables([DECISION_TABLES.chain, DECISION_TABLES.people]);
  const group: Group = { tenantId: TENANT, teamId, name: 'SIG', active: true, timeZone: 'UTC', installedAt: '2026-01-01T00:00:00Z' };
  await repos.groups.create(group);
  const deps = {
    store: testRepositories(tables).decisions.store,
    people: testRepositories(tables).decisions.people,
    links: wellFormedLinksOnly,
    // The chair has no roster row here: configured for this team by name.
    roles: new RolePolicy(repos.members, [{ ...CHAIR, teamId }]),
    clock: { now: () => new Date('2026-05-04T09:00:00Z') },
    serializer: new KeyedSerializer(),
  };
  const records: DecisionRecord[] = [];
  for (let i = 1; i <= n; i++) records.push(await recordDecision(deps, CHAIR, group, { title: `Decision ${i}`, text: `Text ${i}` }));
  const table = tables.table(DECISION_TABLES.chain);
  return { group, records, table, pk: groupPartition(group), env: { STORAGE_CONNECTION_STRING: testStorageConnection(), STORAGE_TABLE_PREFIX: prefix } };
}

/** What an insider with write access does to rewrite history from record `from` on: new content, fresh hashes, a head to match. */
async function rewriteFrom(table: TableClient, group: Group, records: DecisionRecord[], from: number): Promise<DecisionRecord[]> {
  const out = records.slice(0, from - 1);
  for (const r of records.slice(from - 1)) {
    const content = { ...r, text: r.seq === from ? 'Something nobody decided.' : r.text, prev: out.at(-1)?.hash ?? r.prev };
    const { hash: _old, ...rest } = content;
    const forged = { ...rest, hash: hashDecisionContent(rest) };
    await table.updateEntity(recordEntity(group, forged), 'Replace');
    out.push(forged);
  }
  const last = out.at(-1)!;
  await table.updateEntity(
    { partitionKey: groupPartition(group), rowKey: HEAD_ROW, tenantId: group.tenantId, teamId: group.teamId, seq: last.seq, hash: last.hash, year: last.year, number: last.number },
    'Replace',
  );
  return out;
}

describe('decisions:verify finds tampering with the register itself (Azurite)', () => {
  it('fails when the head row of a register is deleted (the records are still found)', async () => {
    const { table, pk, group, env } = await registerOf(3);
    await table.deleteEntity(pk, HEAD_ROW);
    const run = await verify(env);
    expect(run.stdout).toContain(`The register does not verify: record missing at D-2026-003 (record #3). The register's head is missing. (team ${group.teamId}, tenant ${TENANT})`);
    expect(run.code).toBe(1);
  }, 30_000);

  it('fails when the head is there but its records are not', async () => {
    const { table, pk, env } = await registerOf(2);
    for (const seq of [1, 2]) await table.deleteEntity(pk, recordRowKey(seq));
    const run = await verify(env);
    expect(run.stdout).toContain('record missing at record #1');
    expect(run.code).toBe(1);
  }, 30_000);

  it('fails on rows that belong to no register (a register copied under another team)', async () => {
    const { table, pk, env } = await registerOf(2);
    const strip = ({ etag: _e, timestamp: _t, 'odata.metadata': _m, ...rest }: Record<string, unknown>) => rest;
    const elsewhere = groupPartition({ tenantId: TENANT, teamId: '19:other@thread.tacv2' });
    for (const rowKey of [HEAD_ROW, recordRowKey(1), recordRowKey(2)]) {
      await table.createEntity({ ...strip(await table.getEntity<Record<string, unknown>>(pk, rowKey)), partitionKey: elsewhere, rowKey });
    }
    const run = await verify(env);
    expect(run.stdout).toContain(`3 rows stored under "${elsewhere}" belong to no team's register`);
    expect(run.code).toBe(1);
  }, 30_000);

  it('lists an installed group whose every row was deleted, and a kept head then fails it', async () => {
    const { table, pk, group, records, env } = await registerOf(2);
    for (const rowKey of [HEAD_ROW, recordRowKey(1), recordRowKey(2)]) await table.deleteEntity(pk, rowKey);
    const plain = await verify(env);
    expect(plain.stdout).toContain(`0 decisions, chain intact`);
    expect(plain.stdout).toContain(group.teamId);
    const kept = await verify(env, ['--team', group.teamId, '--expect', `2:${records[1]!.hash}`]);
    expect(kept.stdout).toContain('record missing at record #2');
    expect(kept.stdout).toContain('The register is shorter than a head that was kept');
    expect(kept.code).toBe(1);
  }, 60_000);

  it('--expect: truncation with the head moved back verifies as intact, but not against a kept head', async () => {
    const { table, pk, group, records, env } = await registerOf(5);
    const kept = `5:${records[4]!.hash}`;
    expect((await verify(env, ['--team', group.teamId, '--expect', kept])).code).toBe(0);

    for (const seq of [4, 5]) await table.deleteEntity(pk, recordRowKey(seq));
    const three = records[2]!;
    await table.updateEntity({ partitionKey: pk, rowKey: HEAD_ROW, seq: 3, hash: three.hash, year: 2026, number: 3 }, 'Merge');
    expect((await verify(env)).stdout).toContain('3 decisions, chain intact');

    const run = await verify(env, ['--team', group.teamId, '--expect', kept]);
    expect(run.stdout).toContain('The register does not verify: record missing at record #5.');
    expect(run.code).toBe(1);
    // The short form shown in the channel is enough.
    const short = await verify(env, ['--team', group.teamId, '--expect', `5:${records[4]!.hash.slice(0, 16)}`]);
    expect(short.code).toBe(1);
  }, 60_000);

  it('--expect: a rewritten history with fresh hashes and a matching head fails against a kept head', async () => {
    const { table, group, records, env } = await registerOf(4);
    await rewriteFrom(table, group, records, 2);
    expect((await verify(env)).stdout).toContain('4 decisions, chain intact');
    const run = await verify(env, ['--team', group.teamId, '--expect', `4:${records[3]!.hash}`]);
    expect(run.stdout).toContain('The register does not verify: content changed at D-2026-004 (record #4). Its hash is not the one kept for this position');
    expect(run.code).toBe(1);
  }, 60_000);

  it('--checkpoint: names the first record rewritten since the checkpoint was taken', async () => {
    const { table, group, records, env } = await registerOf(4);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-checkpoint-')), 'checkpoint.json');
    fs.writeFileSync(file, JSON.stringify(buildCheckpoint({ ...group }, records, new Date('2026-05-04T10:00:00Z'))));
    const before = await verify(env, ['--checkpoint', file]);
    expect(before.stdout).toContain('4 decisions, chain intact');
    expect(before.stdout).toContain('Matches the kept heads (4)');
    expect(before.code).toBe(0);

    await rewriteFrom(table, group, records, 3);
    const after = await verify(env, ['--checkpoint', file]);
    expect(after.stdout).toContain('content changed at D-2026-003 (record #3)');
    expect(after.code).toBe(1);
  }, 60_000);

  it('refuses a malformed --expect, and one given for several registers at once', async () => {
    const { env, records } = await registerOf(1);
    const bad = await verify(env, ['--expect', '1:abc']);
    expect(bad.stderr).toContain('--expect 1:abc');
    expect(bad.code).toBe(2);
    const { tables } = await testTables(env.STORAGE_TABLE_PREFIX);
    await tables.table(DECISION_TABLES.chain).createEntity({
      partitionKey: groupPartition({ tenantId: TENANT, teamId: '19:b@thread.tacv2' }),
      rowKey: HEAD_ROW,
      tenantId: TENANT,
      teamId: '19:b@thread.tacv2',
      seq: 0,
      hash: '0'.repeat(64),
      year: 2026,
      number: 0,
    });
    const ambiguous = await verify(env, ['--expect', `1:${records[0]!.hash}`]);
    expect(ambiguous.stderr).toContain('name it with --team');
    expect(ambiguous.code).toBe(2);
  }, 60_000);
});
