import { odata, RestError, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { QuorumError } from '../../../kernel/errors';
import type { ChainHead, DecisionRecord } from '../domain/decision';
import { toRecord } from '../domain/decision-record';
import type { DecisionStore, RegisterLocation, StoredDecisionRow } from '../domain/ports';
import type { GroupRef } from '../../../kernel/identity';
import type { Versioned } from '../../../kernel/versioned';
import type { RequestKey } from '../../../kernel/idempotency';
import { createdBefore, createKeyRow, isKeyRow } from '../../../platform/storage/idempotency.rows';
import { getOrUndefined, guard, toDomainError } from '../../../platform/storage/storage-errors';
import { groupPartition, HEAD_ROW, headEntity, positionOf, RECORD_RANGE, recordEntity, rowFromEntity, type HeadEntity } from './decision.entities';

/**
 * The register in Azure Tables. Each group is one partition holding a head row (count, last
 * hash, year counter) and one row per record keyed by chain position. An append creates the
 * record row and replaces the head under the ETag it was read at, in one transaction: two
 * appends racing for the same position cannot both succeed, and a failed one leaves nothing.
 */
export class TableDecisionStore implements DecisionStore {
  constructor(private readonly table: TableClient) {}

  async head(group: GroupRef): Promise<Versioned<ChainHead> | undefined> {
    const e = await getOrUndefined(() => this.table.getEntity<HeadEntity>(groupPartition(group), HEAD_ROW));
    return e && { value: { seq: e.seq, hash: e.hash, year: e.year, number: e.number }, etag: e.etag };
  }

  async rows(group: GroupRef): Promise<StoredDecisionRow[]> {
    const pk = groupPartition(group);
    return this.query(odata`PartitionKey eq ${pk} and RowKey ge ${RECORD_RANGE.from} and RowKey lt ${RECORD_RANGE.to}`);
  }

  async findByRef(group: GroupRef, ref: string): Promise<DecisionRecord | undefined> {
    return this.findOne(group, 'ref', ref);
  }

  async findSuperseding(group: GroupRef, ref: string): Promise<DecisionRecord | undefined> {
    return this.findOne(group, 'supersedes', ref);
  }

  async append(group: GroupRef, record: DecisionRecord, head: ChainHead, headEtag: string | undefined, key?: RequestKey): Promise<void> {
    const newHead: TableEntity<Record<string, unknown>> = { ...headEntity(group, head) };
    const actions: TransactionAction[] = [
      headEtag ? ['update', newHead, 'Replace', { etag: headEtag }] : ['create', newHead],
      ['create', recordEntity(group, record)],
      // Named by the group like every row here, so the verifier can tell it belongs (and is no chain position).
      ...(key ? [createKeyRow(groupPartition(group), key, record.ref, { tenantId: group.tenantId, teamId: group.teamId })] : []),
    ];
    try {
      await this.table.submitTransaction(actions);
    } catch (err) {
      // 412: the head moved; 409: the head, the position or the request key was created by another append.
      if (err instanceof RestError && (err.statusCode === 412 || err.statusCode === 409)) {
        throw new QuorumError('concurrent-update', 'the register changed since its head was read');
      }
      throw toDomainError(err);
    }
  }

  async createdBy(group: GroupRef, key: RequestKey): Promise<string | undefined> {
    return createdBefore(this.table, groupPartition(group), key);
  }

  async registers(): Promise<RegisterLocation[]> {
    return guard(async () => {
      const byPartition = new Map<string, { partitionKey: string; rowKey: string; tenantId?: unknown; teamId?: unknown }[]>();
      // The whole table, not the head rows: a register whose head was deleted is still found.
      for await (const e of this.table.listEntities<{ tenantId?: unknown; teamId?: unknown }>()) {
        const row = { partitionKey: String(e.partitionKey), rowKey: String(e.rowKey), tenantId: e.tenantId, teamId: e.teamId };
        const rows = byPartition.get(row.partitionKey);
        if (rows) rows.push(row);
        else byPartition.set(row.partitionKey, [row]);
      }
      return [...byPartition].map(([where, rows]) => locate(where, rows));
    });
  }

  private async findOne(group: GroupRef, column: 'ref' | 'supersedes', ref: string): Promise<DecisionRecord | undefined> {
    // Only strings reach the filter (odata escapes strings, not arrays).
    if (typeof ref !== 'string') throw new QuorumError('validation', 'reference must be text');
    const pk = groupPartition(group);
    const filter =
      column === 'ref'
        ? odata`PartitionKey eq ${pk} and RowKey ge ${RECORD_RANGE.from} and RowKey lt ${RECORD_RANGE.to} and ref eq ${ref}`
        : odata`PartitionKey eq ${pk} and RowKey ge ${RECORD_RANGE.from} and RowKey lt ${RECORD_RANGE.to} and supersedes eq ${ref}`;
    const rows = await this.query(filter);
    for (const row of rows) {
      const r = toRecord(row);
      if (r) return r;
    }
    return undefined;
  }

  private async query(filter: string): Promise<StoredDecisionRow[]> {
    return guard(async () => {
      const out: StoredDecisionRow[] = [];
      for await (const e of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        const row = rowFromEntity(e);
        if (row) out.push(row);
      }
      return out.sort((a, b) => a.position - b.position);
    });
  }
}

/** The partition's owner is the group its rows name whose partition this is; every other row is a stray. */
function locate(where: string, rows: readonly { rowKey: string; tenantId?: unknown; teamId?: unknown }[]): RegisterLocation {
  const named = (r: { tenantId?: unknown; teamId?: unknown }): GroupRef | undefined =>
    typeof r.tenantId === 'string' && typeof r.teamId === 'string' ? { tenantId: r.tenantId, teamId: r.teamId } : undefined;
  const group = rows.map(named).find((g) => g !== undefined && groupPartition(g) === where);
  const strays = rows.filter((r) => {
    const g = named(r);
    const keyed = r.rowKey === HEAD_ROW || positionOf(r.rowKey) !== undefined || isKeyRow(r.rowKey);
    return !keyed || !g || !group || g.tenantId !== group.tenantId || g.teamId !== group.teamId;
  }).length;
  return group ? { group, where, strays } : { where, strays };
}
