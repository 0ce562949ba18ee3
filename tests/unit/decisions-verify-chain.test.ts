import { formatRef, GENESIS_HASH, type DecisionContent } from '../../bot/src/features/decisions/domain/decision';
import { hashDecisionContent } from '../../bot/src/features/decisions/domain/decision-hash';
import type { StoredDecisionRow } from '../../bot/src/features/decisions/domain/ports';
import { verifyChain } from '../../bot/src/features/decisions/domain/verify-chain';
import { deriveStatuses } from '../../bot/src/features/decisions/domain/decision-record';

function chain(n: number): StoredDecisionRow[] {
  const rows: StoredDecisionRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content: DecisionContent = {
      v: 1,
      tenantId: 't',
      teamId: 'team',
      seq,
      ref: formatRef(2026, seq),
      year: 2026,
      number: seq,
      kind: 'decision',
      title: `T${seq}`,
      text: `X${seq}`,
      actionItemIds: [],
      decidedAt: '2026-01-01',
      recordedAt: '2026-01-01T00:00:00.000Z',
      recordedBy: 'p-1',
      prev,
    };
    const hash = hashDecisionContent(content);
    rows.push({ position: seq, content: { ...content }, hash });
    prev = hash;
  }
  return rows;
}
const headOf = (rows: StoredDecisionRow[]) => ({ seq: rows.length, hash: String(rows.at(-1)?.hash ?? GENESIS_HASH), year: 2026, number: rows.length });

describe('verifying a chain', () => {
  it('accepts an intact chain and an empty register', () => {
    const rows = chain(3);
    expect(verifyChain(rows, headOf(rows))).toEqual({ ok: true, count: 3, head: rows[2]!.hash });
    expect(verifyChain([], undefined)).toEqual({ ok: true, count: 0, head: GENESIS_HASH });
  });

  it('names a record whose content changed', () => {
    const rows = chain(3);
    rows[1] = { ...rows[1]!, content: { ...rows[1]!.content, title: 'changed' } };
    expect(verifyChain(rows, headOf(chain(3)))).toMatchObject({ ok: false, problem: 'content-changed', detail: 'hash-mismatch', position: 2, ref: 'D-2026-002' });
  });

  it('names a record whose field was removed or retyped', () => {
    const rows = chain(2);
    const { text: _t, ...rest } = rows[0]!.content;
    expect(verifyChain([{ ...rows[0]!, content: rest }, rows[1]!], headOf(rows))).toMatchObject({ problem: 'content-changed', position: 1 });
    expect(verifyChain([{ ...rows[0]!, content: { ...rows[0]!.content, seq: '1' } }, rows[1]!], headOf(rows))).toMatchObject({ problem: 'order-changed', position: 1 });
  });

  it('says which position is empty when a record is missing, first, middle or last', () => {
    const rows = chain(4);
    const head = headOf(rows);
    expect(verifyChain(rows.slice(1), head)).toMatchObject({ problem: 'record-missing', position: 1, before: 'D-2026-002' });
    expect(verifyChain([rows[0]!, rows[2]!, rows[3]!], head)).toMatchObject({ problem: 'record-missing', position: 2, after: 'D-2026-001', before: 'D-2026-003' });
    expect(verifyChain(rows.slice(0, 3), head)).toMatchObject({ problem: 'record-missing', position: 4, after: 'D-2026-003' });
  });

  it('notices records moved to other positions', () => {
    const rows = chain(3);
    const swapped = [rows[0]!, { ...rows[2]!, position: 2 }, { ...rows[1]!, position: 3 }];
    expect(verifyChain(swapped, headOf(rows))).toMatchObject({ problem: 'order-changed', detail: 'position-mismatch', position: 2, ref: 'D-2026-003' });
  });

  it('notices a chain rebuilt without its head, or a head that does not match', () => {
    const rows = chain(2);
    expect(verifyChain(rows, undefined)).toMatchObject({ ok: false, detail: 'head-missing' });
    expect(verifyChain(rows, { ...headOf(rows), hash: 'f'.repeat(64) })).toMatchObject({ ok: false, problem: 'content-changed', detail: 'head-mismatch' });
    expect(verifyChain(rows, { ...headOf(rows), seq: 1 })).toMatchObject({ ok: false, detail: 'beyond-head', position: 2 });
  });
});

describe('statuses', () => {
  it('derive from later records only', () => {
    const records = [
      { seq: 1, ref: 'D-2026-001', kind: 'decision' },
      { seq: 2, ref: 'D-2026-002', kind: 'decision' },
      { seq: 3, ref: 'D-2026-003', kind: 'amendment', supersedes: 'D-2026-001' },
      { seq: 4, ref: 'D-2026-004', kind: 'revocation', supersedes: 'D-2026-002' },
    ] as unknown as Parameters<typeof deriveStatuses>[0];
    const s = deriveStatuses(records);
    expect(Object.fromEntries(s)).toEqual({
      'D-2026-001': { status: 'superseded', by: 'D-2026-003' },
      'D-2026-002': { status: 'revoked', by: 'D-2026-004' },
      'D-2026-003': { status: 'in-force' },
      'D-2026-004': { status: 'in-force' },
    });
  });
});

describe('verifying a chain against kept heads and its owner', () => {
  it('fails a chain shorter than a kept head, or with another hash at its position', () => {
    const rows = chain(3);
    const kept = { seq: 3, hash: String(rows[2]!.hash) };
    expect(verifyChain(rows, headOf(rows), { anchors: [kept, { seq: 2, hash: String(rows[1]!.hash).slice(0, 16) }] })).toMatchObject({ ok: true, count: 3 });
    const cut = rows.slice(0, 2);
    expect(verifyChain(cut, headOf(cut), { anchors: [kept] })).toMatchObject({ ok: false, problem: 'record-missing', detail: 'shorter-than-anchor', position: 3, after: 'D-2026-002' });
    expect(verifyChain(rows, headOf(rows), { anchors: [{ seq: 2, hash: 'f'.repeat(64) }] })).toMatchObject({
      ok: false,
      problem: 'content-changed',
      detail: 'anchor-mismatch',
      position: 2,
      ref: 'D-2026-002',
    });
  });

  it('fails records that name another group than the register they are stored in', () => {
    const rows = chain(2);
    expect(verifyChain(rows, headOf(rows), { group: { tenantId: 't', teamId: 'team' } })).toMatchObject({ ok: true });
    expect(verifyChain(rows, headOf(rows), { group: { tenantId: 't', teamId: 'another' } })).toMatchObject({ ok: false, problem: 'order-changed', detail: 'other-register', position: 1 });
  });
});
