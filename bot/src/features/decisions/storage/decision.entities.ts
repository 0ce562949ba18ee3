import { CONTENT_FIELDS, type ChainHead, type DecisionRecord } from '../domain/decision';
import type { StoredDecisionRow } from '../domain/ports';
import type { GroupRef } from '../../../kernel/identity';
import { toKey } from '../../../platform/storage/keys';

/** Tables of the register: the chain (head + records per group) and the pseudonym map. */
export const DECISION_TABLES = { chain: 'decisions', people: 'decisionPeople' } as const;

export const HEAD_ROW = 'head';
const RECORD_PREFIX = 'r|';

/** One partition per group: the head and its records can then change in one transaction. */
export function groupPartition(group: GroupRef): string {
  return toKey(group.tenantId, group.teamId);
}

/** Zero-padded so row-key order is chain order. */
export function recordRowKey(seq: number): string {
  return `${RECORD_PREFIX}${String(seq).padStart(10, '0')}`;
}

export function positionOf(rowKey: string): number | undefined {
  const m = /^r\|(\d{10})$/.exec(rowKey);
  return m ? Number(m[1]) : undefined;
}

export const RECORD_RANGE = { from: RECORD_PREFIX, to: 'r}' } as const;

export interface HeadEntity extends ChainHead {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  teamId: string;
}

export function headEntity(group: GroupRef, head: ChainHead): HeadEntity {
  return { partitionKey: groupPartition(group), rowKey: HEAD_ROW, tenantId: group.tenantId, teamId: group.teamId, ...head };
}

/** Columns as stored: the link ids are one JSON column (a table has no array type). */
export function recordEntity(group: GroupRef, r: DecisionRecord): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  const entity: Record<string, unknown> & { partitionKey: string; rowKey: string } = { partitionKey: groupPartition(group), rowKey: recordRowKey(r.seq) };
  for (const field of CONTENT_FIELDS) {
    const value = r[field];
    if (value === undefined) continue;
    entity[field] = field === 'actionItemIds' ? JSON.stringify(value) : value;
  }
  entity.hash = r.hash;
  return entity;
}

/** A row as it stands, for verification: nothing is repaired or defaulted here. */
export function rowFromEntity(e: Record<string, unknown> & { rowKey?: string }): StoredDecisionRow | undefined {
  const position = positionOf(String(e.rowKey ?? ''));
  if (position === undefined) return undefined;
  const content: Record<string, unknown> = {};
  for (const field of CONTENT_FIELDS) {
    if (e[field] === undefined) continue;
    content[field] = field === 'actionItemIds' ? parseJson(e[field]) : e[field];
  }
  return { position, content, hash: e.hash };
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
