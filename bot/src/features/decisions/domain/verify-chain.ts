import type { GroupRef } from '../../../kernel/identity';
import type { ChainAnchor } from './chain-anchor';
import { GENESIS_HASH, type ChainHead } from './decision';
import { hashDecisionContent } from './decision-hash';
import type { StoredDecisionRow } from './ports';

export type ChainProblem = 'content-changed' | 'record-missing' | 'order-changed';

/** Finer cause, for the person investigating. */
export type ChainDetail =
  'hash-mismatch' | 'link-broken' | 'gap' | 'position-mismatch' | 'head-mismatch' | 'head-missing' | 'beyond-head' | 'other-register' | 'anchor-mismatch' | 'shorter-than-anchor';

export type ChainVerification =
  | { ok: true; count: number; head: string }
  | {
      ok: false;
      count: number;
      problem: ChainProblem;
      detail: ChainDetail;
      /** Chain position (1-based) of the first record that does not check out. */
      position: number;
      /** Its reference, when the record is there to name it. */
      ref?: string;
      /** Neighbours, to locate a missing record. */
      after?: string;
      before?: string;
    };

export interface VerifyOptions {
  /** The register's owner: a record naming another group was copied in from elsewhere. */
  group?: GroupRef;
  /**
   * Heads kept outside storage (a channel post, a checkpoint file): the stored record at
   * each anchor's position must still carry that hash, so a chain cut back to an earlier
   * head, or rewritten from some record on with fresh hashes, no longer verifies.
   */
  anchors?: readonly ChainAnchor[];
}

/**
 * Walks the stored rows in order and reports the first that does not check out: a record
 * whose content no longer hashes to its stored hash (content changed), a position with no
 * record (record missing), or a record at another position than the one it was hashed at
 * (order changed). The head must name the last record, and every kept head (anchor) must
 * still be found at its position.
 */
export function verifyChain(rows: readonly StoredDecisionRow[], head: ChainHead | undefined, opts: VerifyOptions = {}): ChainVerification {
  const count = rows.length;
  let prevHash = GENESIS_HASH;
  let prevRef: string | undefined;
  let expected = 1;
  const fail = (problem: ChainProblem, detail: ChainDetail, position: number, extra: { ref?: string; after?: string; before?: string } = {}): ChainVerification => ({
    ok: false,
    count,
    problem,
    detail,
    position,
    ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)),
  });

  const hashes: { hash: string; ref?: string }[] = [];
  for (const row of [...rows].sort((a, b) => a.position - b.position)) {
    const ref = typeof row.content.ref === 'string' ? row.content.ref : undefined;
    if (head && row.position > head.seq) return fail('order-changed', 'beyond-head', row.position, { ref, after: prevRef });
    if (row.position !== expected) return fail('record-missing', 'gap', expected, { after: prevRef, before: ref });
    if (row.content.seq !== row.position) return fail('order-changed', 'position-mismatch', row.position, { ref });
    if (opts.group && (row.content.tenantId !== opts.group.tenantId || row.content.teamId !== opts.group.teamId)) {
      return fail('order-changed', 'other-register', row.position, { ref });
    }
    if (safeHash(row.content) !== row.hash) return fail('content-changed', 'hash-mismatch', row.position, { ref });
    if (row.content.prev !== prevHash) return fail('content-changed', 'link-broken', row.position, { ref, after: prevRef });
    prevHash = String(row.hash);
    prevRef = ref;
    hashes.push({ hash: prevHash, ref });
    expected++;
  }
  if (!head) {
    if (count !== 0) return fail('record-missing', 'head-missing', count, { ref: prevRef });
  } else {
    if (head.seq > count) return fail('record-missing', 'gap', count + 1, { after: prevRef });
    if (head.hash !== prevHash) return fail('content-changed', 'head-mismatch', count, { ref: prevRef });
  }
  for (const anchor of opts.anchors ?? []) {
    const at = hashes[anchor.seq - 1];
    if (!at) return fail('record-missing', 'shorter-than-anchor', anchor.seq, { after: prevRef });
    if (!anchorMatches(anchor, at.hash)) return fail('content-changed', 'anchor-mismatch', anchor.seq, { ref: at.ref });
  }
  return { ok: true, count, head: prevHash };
}

function anchorMatches(anchor: ChainAnchor, hash: string): boolean {
  return hash.startsWith(anchor.hash.toLowerCase());
}

function safeHash(content: Readonly<Record<string, unknown>>): string | undefined {
  try {
    return hashDecisionContent(content);
  } catch {
    return undefined;
  }
}
