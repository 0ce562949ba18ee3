import { QuorumError } from '../../../kernel/errors';
import type { Caller, GroupRef } from '../../../kernel/identity';
import type { MemberRepository } from '../../../kernel/ports';
import { parseRef, type DecisionRecord } from './decision';
import { deriveStatuses, toRecord, type StatusOf } from './decision-record';
import { pageOf, searchDecisions, type DecisionQuery, type Page } from './decision-query';
import type { DecisionStore, PseudonymStore } from './ports';
import type { ChainAnchor } from './chain-anchor';
import { verifyChain, type ChainVerification } from './verify-chain';

export interface ReadDeps {
  store: DecisionStore;
  people: PseudonymStore;
  members: Pick<MemberRepository, 'get'>;
  roles: { assertMember(caller: Caller, group: GroupRef): Promise<unknown> };
}

export interface DecisionView extends DecisionRecord, StatusOf {
  /** Display name of the recorder, resolved now; undefined once their profile is gone. */
  recordedByName?: string;
}

export const PAGE_SIZE = 10;

/** Members look decisions up: newest first, filtered by year and words, a page at a time. */
export async function findDecisions(deps: ReadDeps, caller: Caller, group: GroupRef, query: DecisionQuery, page = 0, size = PAGE_SIZE): Promise<Page<DecisionView>> {
  await deps.roles.assertMember(caller, group);
  const records = await readRecords(deps.store, group);
  const statuses = deriveStatuses(records);
  const found = pageOf(searchDecisions(records, query), page, size);
  return { ...found, items: await Promise.all(found.items.map((r) => view(deps, group, r, statuses))) };
}

export async function getDecision(deps: ReadDeps, caller: Caller, group: GroupRef, refText: string): Promise<DecisionView> {
  await deps.roles.assertMember(caller, group);
  const ref = parseRef(refText);
  if (!ref) throw new QuorumError('validation', 'bad reference', { reason: 'decisions.errors.badRef' });
  const records = await readRecords(deps.store, group);
  const record = records.find((r) => r.ref === ref);
  if (!record) throw new QuorumError('not-found', 'no such decision', { reason: 'decisions.errors.notFound', ref });
  return view(deps, group, record, deriveStatuses(records));
}

/**
 * Seam for the reports (session report, yearly report: a later task): every decision of a
 * year and/or a session, oldest first, with derived statuses and names resolved. Reports
 * join these with polls and action items by the ids each record links.
 */
export async function decisionsFor(deps: ReadDeps, caller: Caller, group: GroupRef, filter: { year?: number; sessionId?: string }): Promise<DecisionView[]> {
  await deps.roles.assertMember(caller, group);
  const records = await readRecords(deps.store, group);
  const statuses = deriveStatuses(records);
  const chosen = records.filter((r) => (filter.year === undefined || r.year === filter.year) && (filter.sessionId === undefined || r.sessionId === filter.sessionId));
  return Promise.all(chosen.sort((a, b) => a.seq - b.seq).map((r) => view(deps, group, r, statuses)));
}

/** Any member may check the register; the CLI uses verifyGroupChain directly. */
export async function verifyRegister(deps: ReadDeps, caller: Caller, group: GroupRef): Promise<ChainVerification> {
  await deps.roles.assertMember(caller, group);
  return verifyGroupChain(deps.store, group);
}

export async function verifyGroupChain(store: DecisionStore, group: GroupRef, anchors: readonly ChainAnchor[] = []): Promise<ChainVerification> {
  // Head first: an append landing between the two reads then shows as a row beyond the
  // head, so verify again once before calling that tampering.
  for (let attempt = 1; ; attempt++) {
    const head = await store.head(group);
    const rows = await store.rows(group);
    const result = verifyChain(rows, head?.value, { group, anchors });
    if (result.ok || result.detail !== 'beyond-head' || attempt >= 3) return result;
  }
}

async function readRecords(store: DecisionStore, group: GroupRef): Promise<DecisionRecord[]> {
  return (await store.rows(group)).flatMap((row) => {
    const r = toRecord(row);
    return r ? [r] : [];
  });
}

async function view(deps: ReadDeps, group: GroupRef, r: DecisionRecord, statuses: Map<string, StatusOf>): Promise<DecisionView> {
  const aad = await deps.people.resolve(group, r.recordedBy);
  const member = aad ? await deps.members.get(group, aad) : undefined;
  const out: DecisionView = { ...r, ...(statuses.get(r.ref) ?? { status: 'in-force' }) };
  if (member) out.recordedByName = member.value.name;
  return out;
}
