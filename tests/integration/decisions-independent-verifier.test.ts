import type { DecisionStore } from '../../bot/src/features/decisions/domain/ports';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TableClient } from '@azure/data-tables';
import type { Group } from '../../bot/src/kernel/group';
import { verifyGroupChain } from '../../bot/src/features/decisions/domain/find-decisions.use-case';
import { KeyedSerializer } from '../../bot/src/kernel/keyed-serializer';
import { wellFormedLinksOnly } from '../../bot/src/features/decisions/domain/ports';
import { recordDecision } from '../../bot/src/features/decisions/domain/record-decision.use-case';
import { RolePolicy } from '../../bot/src/kernel/roles';
import { DECISION_TABLES } from '../../bot/src/features/decisions/storage/decision.entities';
import { TableDecisionStore } from '../../bot/src/features/decisions/storage/decision.repository';
import { testStorageConnection, testTables, testRepositories } from '../support/storage';

/*
 * A verifier written from docs/decision-register.md alone, as a third party would: its own
 * canonical JSON and partition-key escaping, node:crypto for SHA-256, and the Azure SDK only
 * to read the table's raw rows. Nothing below the `── independent verifier ──` line imports
 * the project's code (the project is used above it only to write a register and to compare).
 */

// ── independent verifier (from docs/decision-register.md) ──────────────────────────────

const GENESIS = '0'.repeat(64);
const MEMBERS = [
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
];

/** §2: the canonical JSON of strings, integers, arrays and objects. */
function canonical(value: unknown): string {
  if (typeof value === 'string') return canonicalString(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error('not an integer');
    return value < 0 ? `-${digits(-value)}` : digits(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const names = Object.keys(value).sort(byCodeUnits);
    return `{${names.map((n) => `${canonicalString(n)}:${canonical((value as Record<string, unknown>)[n])}`).join(',')}}`;
  }
  throw new Error(`cannot canonicalise ${typeof value}`);
}

function digits(n: number): string {
  let out = '';
  do {
    out = '0123456789'[n % 10] + out;
    n = Math.floor(n / 10);
  } while (n > 0);
  return out;
}

function byCodeUnits(a: string, b: string): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

const SHORT_ESCAPES: Record<number, string> = { 0x22: '\\"', 0x5c: '\\\\', 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r' };

function canonicalString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (SHORT_ESCAPES[unit] !== undefined) out += SHORT_ESCAPES[unit];
    else if (unit < 0x20) out += `\\u${unit.toString(16).padStart(4, '0')}`;
    else out += s[i];
  }
  return `${out}"`;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
}

/** §4: escape(tenantId) | escape(teamId). */
function partitionKey(tenantId: string, teamId: string): string {
  const escape = (part: string) => [...part].map((c) => (/^[A-Za-z0-9\-_.:@;=,]$/.test(c) ? c : `~${c.codePointAt(0)!.toString(16).padStart(4, '0')}`)).join('');
  return `${escape(tenantId)}|${escape(teamId)}`;
}

type Row = Record<string, unknown> & { rowKey: string };
type Verdict = { ok: true; count: number; head: string } | { ok: false; position: number; why: string };

/** §3 and §5.2 over one partition's raw rows. */
function verifyRows(rows: Row[], tenantId: string, teamId: string): Verdict {
  const head = rows.find((r) => r.rowKey === 'head');
  const records = rows.filter((r) => /^r\|\d{10}$/.test(r.rowKey)).sort((a, b) => (a.rowKey < b.rowKey ? -1 : 1));
  let prev = GENESIS;
  for (let i = 0; i < records.length; i++) {
    const row = records[i]!;
    const position = i + 1;
    if (Number(row.rowKey.slice(2)) !== position) return { ok: false, position, why: 'gap' };
    const content: Record<string, unknown> = {};
    for (const m of MEMBERS) {
      if (row[m] === undefined) continue;
      content[m] = m === 'actionItemIds' ? JSON.parse(String(row[m])) : row[m];
    }
    if (content.seq !== position) return { ok: false, position, why: 'seq' };
    if (content.tenantId !== tenantId || content.teamId !== teamId) return { ok: false, position, why: 'group' };
    let hash: string;
    try {
      hash = sha256Hex(canonical(content));
    } catch {
      return { ok: false, position, why: 'not canonicalisable' };
    }
    if (hash !== row.hash) return { ok: false, position, why: 'hash' };
    if (content.prev !== prev) return { ok: false, position, why: 'prev' };
    prev = hash;
  }
  if (!head) return records.length === 0 ? { ok: true, count: 0, head: GENESIS } : { ok: false, position: records.length, why: 'no head' };
  if (head.seq !== records.length) return { ok: false, position: Math.min(Number(head.seq), records.length + 1), why: 'head seq' };
  if (head.hash !== prev) return { ok: false, position: records.length, why: 'head hash' };
  return { ok: true, count: records.length, head: prev };
}

async function independentVerify(connectionString: string, prefix: string, tenantId: string, teamId: string): Promise<Verdict> {
  const table = TableClient.fromConnectionString(connectionString, `${prefix}Decisions`, { allowInsecureConnection: true });
  const pk = partitionKey(tenantId, teamId);
  const rows: Row[] = [];
  for await (const e of table.listEntities<Record<string, unknown>>({ queryOptions: { filter: `PartitionKey eq '${pk.replace(/'/g, "''")}'` } })) {
    const { etag: _e, timestamp: _t, partitionKey: _p, ...rest } = e;
    rows.push({ ...rest, rowKey: String(e.rowKey) });
  }
  return verifyRows(rows, tenantId, teamId);
}

// ── the register, written by the service's own code ─────────────────────────────────────

const TENANT = '5f2b2c7e-7b1e-4c1a-9d7e-0a1b2c3d4e5f';
const CHAIR = { tenantId: TENANT, aadObjectId: '0d6b1c3e-5a7f-4e2b-8c9d-1f2e3a4b5c6d' };

describe('an independent verifier written from docs/decision-register.md agrees with decisions:verify', () => {
  let group: Group;
  let prefix: string;
  let store: DecisionStore;
  let table: TableClient;
  const projectVerdict = async () => {
    const v = await verifyGroupChain(store, group);
    return v.ok ? { ok: true, count: v.count, head: v.head } : { ok: false, position: v.position };
  };
  const independentVerdict = async () => {
    const v = await independentVerify(testStorageConnection(), prefix, group.tenantId, group.teamId);
    return v.ok ? v : { ok: false, position: v.position };
  };

  beforeAll(async () => {
    const t = await testTables();
    prefix = t.prefix;
    await t.tables.ensureTables([DECISION_TABLES.chain, DECISION_TABLES.people]);
    // A team id with characters the partition key escapes ('/', '~', a non-Latin letter).
    group = { tenantId: TENANT, teamId: '19:équipe/~ops@thread.tacv2', name: 'SIG', active: true, timeZone: 'Asia/Tokyo', installedAt: '2026-01-01T00:00:00Z' };
    table = t.tables.table(DECISION_TABLES.chain);
    store = new TableDecisionStore(table);
    let now = new Date('2026-12-31T10:00:00Z');
    const deps = {
      store,
      people: testRepositories(t.tables).decisions.people,
      links: wellFormedLinksOnly,
      roles: new RolePolicy(t.repos.members, [{ ...CHAIR, teamId: group.teamId }]),
      clock: { now: () => now },
      serializer: new KeyedSerializer(),
    };
    const record = (input: Parameters<typeof recordDecision>[3]) => recordDecision(deps, CHAIR, group, input);
    await record({
      title: 'الميزانية',
      text: 'تمت الموافقة على الميزانية السنوية.\nالقرار نهائي.',
      rationale: 'Consensus "unanimous" \\ no objection\tat all',
      sessionId: 's-2026-12',
      pollId: 'poll-7',
    });
    await record({ title: '预算', text: '年度预算已批准。😀 𠀀 🏳️‍🌈', actionItemIds: 'ai-2, ai-1, ai-10' });
    now = new Date('2027-01-05T10:00:00Z');
    await record({ kind: 'amendment', supersedes: 'D-2026-001', title: 'Бюджет (изменён)', text: 'Бюджет утверждён с поправками.\u2028Вторая строка\u2029Абзац.', decidedAt: '2027-01-04' });
    await record({ title: 'Combining \u0301 marks, e\u0301 → é, \u202Ertl\u202C', text: 'NEL\u0085 DEL-free, noncharacter \uFFFF, BOM \uFEFF, tab\tend' });
    await record({ kind: 'revocation', supersedes: 'D-2026-002', title: 'إلغاء 预算', text: 'Отменено. 🙅' });
  });

  it("reproduces the page's own example of a canonical form", () => {
    const page = fs.readFileSync(path.resolve(__dirname, '../../docs/decision-register.md'), 'utf8');
    const shown = page
      .split('\n')
      .find((l) => l.startsWith('{"actionItemIds"'))!
      .replace('000…000', GENESIS);
    const content = {
      v: 1,
      tenantId: 't',
      teamId: 'g',
      seq: 1,
      ref: 'D-2026-001',
      year: 2026,
      number: 1,
      kind: 'decision',
      title: 'Budget',
      text: 'Approved\nقرار',
      actionItemIds: [],
      decidedAt: '2026-05-04',
      recordedAt: '2026-05-04T09:00:00.000Z',
      recordedBy: 'p-1',
      prev: GENESIS,
    };
    expect(canonical(content)).toBe(shown);
  });

  it('both find the register intact, with the same count and head', async () => {
    const ours = await projectVerdict();
    expect(ours).toMatchObject({ ok: true, count: 5 });
    expect(await independentVerdict()).toEqual(ours);
  });

  it('both detect a row whose text was changed to another normalisation form, at the same record', async () => {
    const pk = partitionKey(group.tenantId, group.teamId);
    const row = await table.getEntity<{ title: string }>(pk, 'r|0000000004');
    expect(row.title).toContain('é');
    await table.updateEntity({ partitionKey: pk, rowKey: 'r|0000000004', title: row.title.normalize('NFD') }, 'Merge');
    expect(await projectVerdict()).toEqual({ ok: false, position: 4 });
    expect(await independentVerdict()).toEqual({ ok: false, position: 4 });
    await table.updateEntity({ partitionKey: pk, rowKey: 'r|0000000004', title: row.title }, 'Merge');
    expect((await independentVerdict()).ok).toBe(true);
  });

  it('both detect reordered action items in a stored row', async () => {
    const pk = partitionKey(group.tenantId, group.teamId);
    await table.updateEntity({ partitionKey: pk, rowKey: 'r|0000000002', actionItemIds: '["ai-1","ai-2","ai-10"]' }, 'Merge');
    expect(await projectVerdict()).toEqual({ ok: false, position: 2 });
    expect(await independentVerdict()).toEqual({ ok: false, position: 2 });
  });
});
