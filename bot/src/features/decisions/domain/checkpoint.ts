import { z } from 'zod';
import type { GroupRef } from '../../../kernel/identity';
import type { ChainAnchor } from './chain-anchor';
import { GENESIS_HASH } from './decision';

export const CHECKPOINT_FORMAT = 'quorum-decision-checkpoint/1';

/**
 * What a co-chair downloads and keeps outside the service: the position and hash of every
 * record at one moment. Self-contained (no service needed to read it), not signed: the
 * service holds no key a member could check a signature with, and a key it held would be
 * within reach of the insiders this file is kept against. Its worth is that a copy is kept
 * elsewhere (docs/decision-register.md).
 */
export interface DecisionCheckpoint {
  format: typeof CHECKPOINT_FORMAT;
  tenantId: string;
  teamId: string;
  teamName: string;
  /** Number of records; 0 for an empty register. */
  seq: number;
  /** Hash of record #seq (the genesis value when empty). */
  head: string;
  generatedAt: string;
  records: { seq: number; ref: string; hash: string }[];
}

export function buildCheckpoint(group: GroupRef & { name: string }, records: readonly { seq: number; ref: string; hash: string }[], generatedAt: Date): DecisionCheckpoint {
  const ordered = [...records].sort((a, b) => a.seq - b.seq).map(({ seq, ref, hash }) => ({ seq, ref, hash }));
  return {
    format: CHECKPOINT_FORMAT,
    tenantId: group.tenantId,
    teamId: group.teamId,
    teamName: group.name,
    seq: ordered.length,
    head: ordered.at(-1)?.hash ?? GENESIS_HASH,
    generatedAt: generatedAt.toISOString(),
    records: ordered,
  };
}

const HASH = z.string().regex(/^[0-9a-f]{64}$/);
const shape = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  tenantId: z.string().min(1),
  teamId: z.string().min(1),
  seq: z.number().int().min(0),
  head: HASH,
  records: z.array(z.object({ seq: z.number().int().min(1), hash: HASH })),
});

/** A checkpoint file as anchors, after checking it is whole (positions 1..seq, head = last hash). */
export function parseCheckpoint(text: string): (GroupRef & { seq: number; anchors: ChainAnchor[] }) | { error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { error: 'the checkpoint file is not JSON' };
  }
  const parsed = shape.safeParse(raw);
  if (!parsed.success) return { error: `the checkpoint file is not a ${CHECKPOINT_FORMAT} checkpoint` };
  const c = parsed.data;
  const whole = c.records.length === c.seq && c.records.every((r, i) => r.seq === i + 1) && (c.records.at(-1)?.hash ?? GENESIS_HASH) === c.head;
  if (!whole) return { error: 'the checkpoint file is not whole: its records do not run from 1 to its head' };
  return { tenantId: c.tenantId, teamId: c.teamId, seq: c.seq, anchors: c.records.map((r) => ({ seq: r.seq, hash: r.hash })) };
}
