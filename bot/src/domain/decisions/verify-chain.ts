import { GENESIS_HASH, type ChainHead } from './decision';
import { hashDecisionContent } from './decision-hash';
import type { StoredDecisionRow } from './ports';

export type ChainProblem = 'content-changed' | 'record-missing' | 'order-changed';

/** Finer cause, for the person investigating. */
export type ChainDetail =
  | 'hash-mismatch'
  | 'link-broken'
  | 'gap'
  | 'position-mismatch'
  | 'head-mismatch'
  | 'head-missing'
  | 'beyond-head';

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

/**
 * Walks the stored rows in order and reports the first that does not check out: a record
 * whose content no longer hashes to its stored hash (content changed), a position with no
 * record (record missing), or a record at another position than the one it was hashed at
 * (order changed). The head must name the last record.
 */
export function verifyChain(rows: readonly StoredDecisionRow[], head: ChainHead | undefined): ChainVerification {
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

  for (const row of [...rows].sort((a, b) => a.position - b.position)) {
    const ref = typeof row.content.ref === 'string' ? row.content.ref : undefined;
    if (head && row.position > head.seq) return fail('order-changed', 'beyond-head', row.position, { ref, after: prevRef });
    if (row.position !== expected) return fail('record-missing', 'gap', expected, { after: prevRef, before: ref });
    if (row.content.seq !== row.position) return fail('order-changed', 'position-mismatch', row.position, { ref });
    if (safeHash(row.content) !== row.hash) return fail('content-changed', 'hash-mismatch', row.position, { ref });
    if (row.content.prev !== prevHash) return fail('content-changed', 'link-broken', row.position, { ref, after: prevRef });
    prevHash = String(row.hash);
    prevRef = ref;
    expected++;
  }
  if (!head) return count === 0 ? { ok: true, count, head: GENESIS_HASH } : fail('record-missing', 'head-missing', count, { ref: prevRef });
  if (head.seq > count) return fail('record-missing', 'gap', count + 1, { after: prevRef });
  if (head.hash !== prevHash) return fail('content-changed', 'head-mismatch', count, { ref: prevRef });
  return { ok: true, count, head: prevHash };
}

function safeHash(content: Readonly<Record<string, unknown>>): string | undefined {
  try {
    return hashDecisionContent(content);
  } catch {
    return undefined;
  }
}
