import { z } from 'zod';
import { DECISION_KINDS, type DecisionRecord, type DecisionStatus } from './decision';
import type { StoredDecisionRow } from './ports';

const recordShape = z.object({
  v: z.literal(1),
  tenantId: z.string(),
  teamId: z.string(),
  seq: z.number().int(),
  ref: z.string(),
  year: z.number().int(),
  number: z.number().int(),
  kind: z.enum(DECISION_KINDS),
  title: z.string(),
  text: z.string(),
  rationale: z.string().optional(),
  sessionId: z.string().optional(),
  pollId: z.string().optional(),
  actionItemIds: z.array(z.string()),
  supersedes: z.string().optional(),
  decidedAt: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string(),
  prev: z.string(),
  hash: z.string(),
});

/** A stored row as a record, or undefined when it is too damaged to show (verification says why). */
export function toRecord(row: StoredDecisionRow): DecisionRecord | undefined {
  const r = recordShape.safeParse({ ...row.content, hash: row.hash });
  return r.success ? (r.data as DecisionRecord) : undefined;
}

export interface StatusOf {
  status: DecisionStatus;
  /** The later record that amended or revoked it. */
  by?: string;
}

/** Statuses derived from later records: nothing is ever written back into an older one. */
export function deriveStatuses(records: readonly DecisionRecord[]): Map<string, StatusOf> {
  const out = new Map<string, StatusOf>();
  for (const r of records) if (!out.has(r.ref)) out.set(r.ref, { status: 'in-force' });
  for (const r of [...records].sort((a, b) => a.seq - b.seq)) {
    if (!r.supersedes) continue;
    out.set(r.supersedes, { status: r.kind === 'revocation' ? 'revoked' : 'superseded', by: r.ref });
  }
  return out;
}
