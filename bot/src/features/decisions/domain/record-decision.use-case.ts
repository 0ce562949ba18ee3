import type { Clock } from '../../../kernel/clock';
import { QuorumError } from '../../../kernel/errors';
import type { Group } from '../../../kernel/group';
import type { Caller, GroupRef } from '../../../kernel/identity';
import type { KeyedSerializer } from '../../../kernel/keyed-serializer';
import { formatRef, GENESIS_HASH, type DecisionContent, type DecisionRecord } from './decision';
import { hashDecisionContent } from './decision-hash';
import { validateDecisionInput, type CleanDecisionInput, type DecisionInput } from './decision-input';
import { dateIn } from '../../../kernel/group-calendar';
import type { DecisionLinkChecker, DecisionStore, PseudonymStore } from './ports';
import { requestKey, type RequestKey } from '../../../kernel/idempotency';

export interface DecisionDeps {
  store: DecisionStore;
  people: PseudonymStore;
  links: DecisionLinkChecker;
  roles: { assertCoChair(caller: Caller, group: GroupRef): Promise<void>; assertMember(caller: Caller, group: GroupRef): Promise<unknown> };
  clock: Clock;
  serializer: KeyedSerializer;
  /** Appends that lose the head's ETag race (another instance) retry this many times. */
  maxAttempts?: number;
}

/**
 * Every check recording makes, without writing: the co-chair, the fields, the links and, for
 * an amendment or a revocation, that its target is still in force. Answers what would be
 * written (and the target, for its title), so the co-chair confirms exactly that; recording
 * checks it all again, since anything may have changed in between.
 */
export async function previewDecision(deps: DecisionDeps, caller: Caller, group: Group, input: DecisionInput): Promise<{ clean: CleanDecisionInput; target?: DecisionRecord }> {
  await deps.roles.assertCoChair(caller, group);
  const clean = validateDecisionInput(input, dateIn(group.timeZone, deps.clock.now()).date);
  await deps.links.check(group, clean);
  if (!clean.supersedes) return { clean };
  return { clean, target: await assertSupersedable(deps.store, group, clean.supersedes) };
}

/**
 * Records a decision (or an amendment / revocation of one). Only co-chairs record. With a
 * client key, a repeat of the request answers the record the first one appended: the
 * register is append-only, so a duplicate could only ever be revoked, never removed. Every
 * check runs before anything is written, and the write is one transaction conditional on
 * the chain head, so a refused or raced attempt leaves the chain exactly as it was.
 */
export async function recordDecision(deps: DecisionDeps, caller: Caller, group: Group, input: DecisionInput, clientKey?: string): Promise<DecisionRecord> {
  await deps.roles.assertCoChair(caller, group);
  const key = clientKey === undefined ? undefined : requestKey('decision', group, caller, clientKey, input);
  const clean = validateDecisionInput(input, dateIn(group.timeZone, deps.clock.now()).date);
  await deps.links.check(group, clean);
  const recordedBy = await deps.people.pseudonymFor(group, caller.aadObjectId);
  return deps.serializer.run(`${group.tenantId}|${group.teamId}`, async () => {
    try {
      return await appendWithRetry(deps, group, clean, recordedBy, key);
    } catch (err) {
      // A repeat of a revocation meets its own first attempt as "already revoked": it is answered with that record.
      const earlier = key && err instanceof QuorumError && err.code === 'conflict' ? await recordedWith(deps.store, group, key) : undefined;
      if (earlier) return earlier;
      throw err;
    }
  });
}

/** The record a request key was appended with, if any: the answer to a repeat of that request. */
async function recordedWith(store: DecisionStore, group: GroupRef, key: RequestKey): Promise<DecisionRecord | undefined> {
  const ref = await store.createdBy(group, key);
  if (!ref) return undefined;
  const record = await store.findByRef(group, ref);
  if (!record) throw new QuorumError('internal', 'a request key names a record that is not in the register');
  return record;
}

async function appendWithRetry(deps: DecisionDeps, group: Group, clean: CleanDecisionInput, recordedBy: string, key: RequestKey | undefined): Promise<DecisionRecord> {
  const max = deps.maxAttempts ?? 12;
  for (let attempt = 1; ; attempt++) {
    try {
      return await appendOnce(deps, group, clean, recordedBy, key);
    } catch (err) {
      if (!(err instanceof QuorumError && err.code === 'concurrent-update')) throw err;
      // Lost the race to the same request (its key is stored with its record): that record is the answer.
      const earlier = key && (await recordedWith(deps.store, group, key));
      if (earlier) return earlier;
      if (attempt >= max) throw err;
      // Another instance appended: back off with jitter so contenders spread out.
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(400, 20 * 2 ** attempt)));
    }
  }
}

async function appendOnce(deps: DecisionDeps, group: Group, clean: CleanDecisionInput, recordedBy: string, key: RequestKey | undefined): Promise<DecisionRecord> {
  // The head is read first: anything appended after this read moves it, and our
  // transaction (conditional on this ETag) then fails and is retried with fresh checks.
  const head = await deps.store.head(group);
  if (clean.supersedes) await assertSupersedable(deps.store, group, clean.supersedes);

  const now = deps.clock.now();
  const calendarYear = dateIn(group.timeZone, now).year;
  // References never go back a year, even if a clock does.
  const year = Math.max(calendarYear, head?.value.year ?? calendarYear);
  const number = head && head.value.year === year ? head.value.number + 1 : 1;
  const seq = (head?.value.seq ?? 0) + 1;
  const content: DecisionContent = {
    v: 1,
    tenantId: group.tenantId,
    teamId: group.teamId,
    seq,
    ref: formatRef(year, number),
    year,
    number,
    kind: clean.kind,
    title: clean.title,
    text: clean.text,
    actionItemIds: clean.actionItemIds,
    decidedAt: clean.decidedAt,
    recordedAt: now.toISOString(),
    recordedBy,
    prev: head?.value.hash ?? GENESIS_HASH,
  };
  if (clean.rationale) content.rationale = clean.rationale;
  if (clean.sessionId) content.sessionId = clean.sessionId;
  if (clean.pollId) content.pollId = clean.pollId;
  if (clean.supersedes) content.supersedes = clean.supersedes;
  const record: DecisionRecord = { ...content, hash: hashDecisionContent(content) };
  await deps.store.append(group, record, { seq, hash: record.hash, year, number }, head?.etag, key);
  return record;
}

async function assertSupersedable(store: DecisionStore, group: GroupRef, ref: string): Promise<DecisionRecord> {
  const target = await store.findByRef(group, ref);
  if (!target) throw new QuorumError('not-found', 'supersede target missing', { reason: 'decisions.errors.targetMissing', ref });
  if (target.kind === 'revocation') throw new QuorumError('validation', 'a revocation cannot be superseded', { reason: 'decisions.errors.targetIsRevocation', ref });
  const later = await store.findSuperseding(group, ref);
  if (later) {
    const reason = later.kind === 'revocation' ? 'decisions.errors.alreadyRevoked' : 'decisions.errors.alreadySuperseded';
    throw new QuorumError('conflict', 'supersede target no longer in force', { reason, ref, by: later.ref });
  }
  return target;
}
