/**
 * A decision of the group. Records are append-only: an amendment or a revocation is a new
 * record naming the one it supersedes, and an older record's status is derived from the
 * later ones, never written into it.
 */
export const DECISION_KINDS = ['decision', 'amendment', 'revocation'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export type DecisionStatus = 'in-force' | 'superseded' | 'revoked';

/**
 * Exactly what is hashed (RFC 8785 canonical JSON, SHA-256). People appear only by a
 * pseudonymous id, so erasing someone's profile never changes a hash.
 */
export interface DecisionContent {
  /** Format version of the hashed content. */
  v: 1;
  tenantId: string;
  teamId: string;
  /** Position in the group's chain, 1-based and gapless across years. */
  seq: number;
  ref: string;
  year: number;
  /** Number within the year: the NNN of D-YYYY-NNN. */
  number: number;
  kind: DecisionKind;
  title: string;
  text: string;
  rationale?: string;
  sessionId?: string;
  pollId?: string;
  actionItemIds: string[];
  /** The reference this record amends or revokes. */
  supersedes?: string;
  /** The day it was decided (YYYY-MM-DD, the group's calendar). */
  decidedAt: string;
  /** When it was recorded (ISO instant). */
  recordedAt: string;
  /** Pseudonymous id of the co-chair who recorded it (resolved to a name when shown). */
  recordedBy: string;
  /** Hash of the previous record in the chain (GENESIS_HASH for the first). */
  prev: string;
}

export interface DecisionRecord extends DecisionContent {
  /** SHA-256 (hex) of the canonical content, `prev` included: the link of the chain. */
  hash: string;
}

/** The per-group row every append updates under its ETag: it serialises the chain. */
export interface ChainHead {
  seq: number;
  hash: string;
  year: number;
  number: number;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of DecisionContent, in one place for storage mapping and verification. */
export const CONTENT_FIELDS = [
  'v',
  'tenantId',
  'teamId',
  'seq',
  'ref',
  'year',
  'number',
  'kind',
  'title',
  'text',
  'rationale',
  'sessionId',
  'pollId',
  'actionItemIds',
  'supersedes',
  'decidedAt',
  'recordedAt',
  'recordedBy',
  'prev',
] as const satisfies readonly (keyof DecisionContent)[];

export function formatRef(year: number, number: number): string {
  return `D-${year}-${String(number).padStart(3, '0')}`;
}

const REF = /^D-(\d{4})-(\d{3,6})$/i;

/** "d-2026-4" is not a reference; "D-2026-004" and "d-2026-004" are (normalised to upper case). */
export function parseRef(text: string): string | undefined {
  const m = REF.exec(text.trim());
  return m ? formatRef(Number(m[1]), Number(m[2])) : undefined;
}
