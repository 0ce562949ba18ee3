import type { TableClient } from '@azure/data-tables';
import type { Clock } from '../../bot/src/kernel/clock';
import type { Group } from '../../bot/src/kernel/group';
import { KeyedSerializer } from '../../bot/src/kernel/keyed-serializer';
import { wellFormedLinksOnly } from '../../bot/src/features/decisions/domain/ports';
import { recordDecision, type DecisionDeps } from '../../bot/src/features/decisions/domain/record-decision.use-case';
import { decisionsFor, findDecisions, getDecision, verifyGroupChain } from '../../bot/src/features/decisions/domain/find-decisions.use-case';
import { parseDecisionQuery } from '../../bot/src/features/decisions/domain/decision-query';
import { RolePolicy } from '../../bot/src/kernel/roles';
import { DECISION_TABLES, recordRowKey, groupPartition } from '../../bot/src/features/decisions/storage/decision.entities';
import { TableDecisionStore } from '../../bot/src/features/decisions/storage/decision.repository';
import { TablePseudonymStore } from '../../bot/src/features/decisions/storage/pseudonym.repository';
import type { Repositories } from '../../bot/src/kernel/ports';
import { testTables } from '../support/storage';

const TENANT = '5f2b2c7e-7b1e-4c1a-9d7e-0a1b2c3d4e5f';
const CHAIR = { tenantId: TENANT, aadObjectId: '0d6b1c3e-5a7f-4e2b-8c9d-1f2e3a4b5c6d', name: 'Amina' };
const MEMBER = { tenantId: TENANT, aadObjectId: '1e7c2d4f-6b8a-4f3c-9d0e-2a3b4c5d6e7f', name: 'Lars' };

let seq = 0;
async function setup(clock: Clock = { now: () => new Date('2026-06-15T10:00:00Z') }) {
  const { tables, repos } = await testTables();
  await tables.ensureTables([DECISION_TABLES.chain, DECISION_TABLES.people]);
  const group: Group = { tenantId: TENANT, teamId: `19:team${++seq}@thread.tacv2`, name: 'SIG', active: true, timeZone: 'Europe/Zurich', installedAt: '2026-01-01T00:00:00Z' };
  await repos.members.upsertProfile({ ...group, aadObjectId: CHAIR.aadObjectId, name: 'Amina Diallo', role: 'member', active: true, updatedAt: '' });
  await repos.members.upsertProfile({ ...group, aadObjectId: MEMBER.aadObjectId, name: 'Lars Eriksen', role: 'member', active: true, updatedAt: '' });
  const table = tables.table(DECISION_TABLES.chain);
  const deps = makeDeps(tables.table(DECISION_TABLES.chain), tables.table(DECISION_TABLES.people), repos, clock);
  return { group, table, deps, repos, people: tables.table(DECISION_TABLES.people) };
}

function makeDeps(chain: TableClient, people: TableClient, repos: Repositories, clock: Clock): DecisionDeps & { members: Repositories['members'] } {
  return {
    store: new TableDecisionStore(chain),
    people: new TablePseudonymStore(people),
    links: wellFormedLinksOnly,
    roles: new RolePolicy(repos.members, [{ tenantId: TENANT, aadObjectId: CHAIR.aadObjectId }]),
    clock,
    serializer: new KeyedSerializer(),
    members: repos.members,
  };
}

const input = (n: number) => ({ title: `Decision ${n}`, text: `We decided thing ${n}.` });

describe('the decisions register in Azure Tables', () => {
  it('numbers per year in order, chains the hashes, and verifies', async () => {
    const { group, deps } = await setup();
    const a = await recordDecision(deps, CHAIR, group, input(1));
    const b = await recordDecision(deps, CHAIR, group, { ...input(2), rationale: 'Because.', pollId: 'poll-1', actionItemIds: 'ai-1, ai-2', sessionId: 's-2026' });
    expect([a.ref, b.ref]).toEqual(['D-2026-001', 'D-2026-002']);
    expect(b.prev).toBe(a.hash);
    expect(b.actionItemIds).toEqual(['ai-1', 'ai-2']);
    expect(b.recordedBy).not.toContain(CHAIR.aadObjectId);
    expect(JSON.stringify(b)).not.toContain('Amina');
    expect(await verifyGroupChain(deps.store, group)).toEqual({ ok: true, count: 2, head: b.hash });
    const shown = await getDecision(deps, MEMBER, group, 'd-2026-002');
    expect(shown).toMatchObject({ ref: 'D-2026-002', status: 'in-force', recordedByName: 'Amina Diallo', pollId: 'poll-1' });
    // The seam the session and yearly reports will read through.
    expect((await decisionsFor(deps, MEMBER, group, { sessionId: 's-2026' })).map((v) => v.ref)).toEqual(['D-2026-002']);
    expect((await decisionsFor(deps, MEMBER, group, { year: 2026 })).map((v) => v.ref)).toEqual(['D-2026-001', 'D-2026-002']);
    expect(await decisionsFor(deps, MEMBER, group, { year: 2025 })).toEqual([]);
  });

  it('starts a new series each year in the group time zone, on one unbroken chain', async () => {
    let now = new Date('2026-12-31T23:30:00Z'); // 00:30 on 1 January 2027 in Zurich
    const { group, deps } = await setup({ now: () => now });
    expect((await recordDecision(deps, CHAIR, group, input(1))).ref).toBe('D-2027-001');
    now = new Date('2027-03-01T10:00:00Z');
    expect((await recordDecision(deps, CHAIR, group, input(2))).ref).toBe('D-2027-002');
    now = new Date('2028-01-02T10:00:00Z');
    const c = await recordDecision(deps, CHAIR, group, { ...input(3), decidedAt: '2027-12-30' });
    expect(c).toMatchObject({ ref: 'D-2028-001', seq: 3, decidedAt: '2027-12-30' });
    expect(await verifyGroupChain(deps.store, group)).toMatchObject({ ok: true, count: 3 });
  });

  it('keeps references consecutive and the chain whole when two instances append at once', async () => {
    const { group, deps } = await setup();
    // Two instances: separate in-process serializers, so only the head's ETag keeps order.
    const other = { ...deps, serializer: new KeyedSerializer(), maxAttempts: 40 };
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => recordDecision(i % 2 ? other : { ...deps, maxAttempts: 40 }, CHAIR, group, input(i))));
    const numbers = results.map((r) => r.number).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.ref)).size).toBe(30);
    expect(await verifyGroupChain(deps.store, group)).toMatchObject({ ok: true, count: 30 });
  });

  describe('supersede and revoke', () => {
    it('derives statuses from the later records and refuses targets no longer in force, storing nothing', async () => {
      const { group, deps } = await setup();
      await recordDecision(deps, CHAIR, group, input(1));
      await recordDecision(deps, CHAIR, group, input(2));
      const amended = await recordDecision(deps, CHAIR, group, { kind: 'amendment', supersedes: 'D-2026-001', title: 'Decision 1, amended', text: 'New wording.' });
      const revoked = await recordDecision(deps, CHAIR, group, { kind: 'revocation', supersedes: 'D-2026-002', title: 'Revoke 2', text: 'No longer needed.' });
      expect([amended.ref, revoked.ref]).toEqual(['D-2026-003', 'D-2026-004']);

      const page = await findDecisions(deps, MEMBER, group, parseDecisionQuery(''));
      const byRef = Object.fromEntries(page.items.map((v) => [v.ref, v]));
      expect(byRef['D-2026-001']).toMatchObject({ status: 'superseded', by: 'D-2026-003', title: 'Decision 1' });
      expect(byRef['D-2026-002']).toMatchObject({ status: 'revoked', by: 'D-2026-004' });
      expect(byRef['D-2026-003']).toMatchObject({ status: 'in-force', supersedes: 'D-2026-001' });

      const head = await deps.store.head(group);
      const refused = [
        [{ kind: 'amendment' as const, supersedes: 'D-2026-001', title: 'Again', text: 'x' }, 'decisions.errors.alreadySuperseded'],
        [{ kind: 'revocation' as const, supersedes: 'D-2026-002', title: 'Again', text: 'x' }, 'decisions.errors.alreadyRevoked'],
        [{ kind: 'amendment' as const, supersedes: 'D-2026-099', title: 'Missing', text: 'x' }, 'decisions.errors.targetMissing'],
        [{ kind: 'amendment' as const, supersedes: 'D-2026-004', title: 'Of a revocation', text: 'x' }, 'decisions.errors.targetIsRevocation'],
        [{ kind: 'revocation' as const, title: 'No target', text: 'x' }, 'decisions.errors.targetNeeded'],
      ] as const;
      for (const [bad, reason] of refused) {
        await expect(recordDecision(deps, CHAIR, group, bad)).rejects.toMatchObject({ params: expect.objectContaining({ reason }) });
      }
      expect((await deps.store.head(group))?.etag).toBe(head?.etag);
      expect(await verifyGroupChain(deps.store, group)).toMatchObject({ ok: true, count: 4 });
    });

    it('lets only one of two simultaneous amendments of the same decision through', async () => {
      const { group, deps } = await setup();
      await recordDecision(deps, CHAIR, group, input(1));
      const other = { ...deps, serializer: new KeyedSerializer() };
      const tries = await Promise.allSettled([deps, other].map((d) => recordDecision(d, CHAIR, group, { kind: 'amendment', supersedes: 'D-2026-001', title: 'Amend', text: 'x' })));
      expect(tries.filter((t) => t.status === 'fulfilled')).toHaveLength(1);
      expect(await verifyGroupChain(deps.store, group)).toMatchObject({ ok: true, count: 2 });
    });
  });

  describe('tampering directly in storage', () => {
    async function threeRecorded() {
      const ctx = await setup();
      for (let i = 1; i <= 4; i++) await recordDecision(ctx.deps, CHAIR, ctx.group, input(i));
      return { ...ctx, pk: groupPartition(ctx.group) };
    }

    it('notices a changed text and names the record', async () => {
      const { group, deps, table, pk } = await threeRecorded();
      const row = await table.getEntity(pk, recordRowKey(2));
      await table.updateEntity({ partitionKey: pk, rowKey: recordRowKey(2), text: 'We decided something else.' }, 'Merge', { etag: row.etag });
      expect(await verifyGroupChain(deps.store, group)).toEqual({ ok: false, count: 4, problem: 'content-changed', detail: 'hash-mismatch', position: 2, ref: 'D-2026-002' });
    });

    it('notices a changed text whose hash was recomputed: the next record no longer links to it', async () => {
      const { group, deps, table, pk } = await threeRecorded();
      const { hashDecisionContent } = await import('../../bot/src/features/decisions/domain/decision-hash');
      const rows = await deps.store.rows(group);
      const forged = { ...rows[1]!.content, text: 'Forged.' };
      await table.updateEntity({ partitionKey: pk, rowKey: recordRowKey(2), text: 'Forged.', hash: hashDecisionContent(forged) }, 'Merge');
      expect(await verifyGroupChain(deps.store, group)).toMatchObject({ ok: false, problem: 'content-changed', detail: 'link-broken', position: 3, ref: 'D-2026-003' });
    });

    it('notices a deleted record and says where it was', async () => {
      const { group, deps, table, pk } = await threeRecorded();
      await table.deleteEntity(pk, recordRowKey(2));
      expect(await verifyGroupChain(deps.store, group)).toEqual({ ok: false, count: 3, problem: 'record-missing', detail: 'gap', position: 2, after: 'D-2026-001', before: 'D-2026-003' });
    });

    it('notices the last record deleted', async () => {
      const { group, deps, table, pk } = await threeRecorded();
      await table.deleteEntity(pk, recordRowKey(4));
      expect(await verifyGroupChain(deps.store, group)).toMatchObject({ ok: false, problem: 'record-missing', position: 4, after: 'D-2026-003' });
    });

    it('notices two records swapped', async () => {
      const { group, deps, table, pk } = await threeRecorded();
      const two = await table.getEntity<Record<string, unknown>>(pk, recordRowKey(2));
      const three = await table.getEntity<Record<string, unknown>>(pk, recordRowKey(3));
      const strip = ({ etag: _e, timestamp: _t, 'odata.metadata': _m, ...rest }: Record<string, unknown>) => rest;
      await table.updateEntity({ ...strip(three), partitionKey: pk, rowKey: recordRowKey(2) }, 'Replace');
      await table.updateEntity({ ...strip(two), partitionKey: pk, rowKey: recordRowKey(3) }, 'Replace');
      expect(await verifyGroupChain(deps.store, group)).toEqual({ ok: false, count: 4, problem: 'order-changed', detail: 'position-mismatch', position: 2, ref: 'D-2026-003' });
    });

    it('still verifies after a person is forgotten (pseudonym rows deleted)', async () => {
      const { group, deps, people, pk } = await threeRecorded();
      for await (const e of people.listEntities({ queryOptions: { filter: `PartitionKey eq '${pk}'` } })) await people.deleteEntity(e.partitionKey!, e.rowKey!);
      expect(await verifyGroupChain(deps.store, group)).toMatchObject({ ok: true, count: 4 });
      const shown = await getDecision(deps, MEMBER, group, 'D-2026-001');
      expect(shown.recordedByName).toBeUndefined();
    });
  });
});
