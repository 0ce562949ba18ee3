import { QuorumError } from '../../../kernel/errors';
import type { Group } from '../../../kernel/group';
import type { Caller } from '../../../kernel/identity';
import type { Role } from '../../../kernel/member';
import { requestKey, type Created } from '../../../kernel/idempotency';
import { retryOnConflict } from '../../../kernel/retry-on-conflict';
import type { Versioned } from '../../../kernel/versioned';
import { CLOSED, isOpen, refOf, type ActionItem, type HistoryEntry, type ItemStatus } from './action-item';
import { invalid, itemNotFound, notAllowed } from './item-errors';
import { checkFields, checkOrganisation, checkOwner, type ItemFields } from './item-input';
import { localDate } from '../../../kernel/local-time';
import type { NewHistory } from './ports';
import { scheduleDigest, scheduleItemReminders } from './reminder-plan';
import { readSettings } from './settings.use-case';
import type { WorkPlanDeps } from './work-plan-deps';

/**
 * Any member creates. The owner defaults to nobody; an organisation comes from the owner's when
 * not given. With a client key, the same request sent again answers the item it created.
 */
export async function createItem(deps: WorkPlanDeps, caller: Caller, group: Group, input: ItemFields & { title: string }, clientKey?: string): Promise<Created<Versioned<ActionItem>>> {
  await deps.roles.assertMember(caller, group);
  const key = clientKey === undefined ? undefined : requestKey('item', group, caller, clientKey, input);
  const { value: settings } = await readSettings(deps, group);
  const now = deps.clock.now();
  checkFields(input, localDate(now, settings.timeZone));
  if (input.status !== undefined || input.note !== undefined) throw invalid('badPayload');
  const orgs = await deps.settings.memberOrganisations(group);
  const ownerId = input.ownerId ? input.ownerId.toLowerCase() : undefined;
  if (ownerId) await checkOwner(deps.repos.members, group, ownerId);
  const organisation = await resolveOrganisation(settings.organisations, input.organisation ?? (ownerId ? orgs.get(ownerId) : undefined));
  const at = now.toISOString();
  const item: Omit<ActionItem, 'number' | 'revision'> = {
    tenantId: group.tenantId,
    teamId: group.teamId,
    title: input.title.trim(),
    description: input.description?.trim() ?? '',
    priority: input.priority ?? 'medium',
    status: 'open',
    progress: input.progress ?? 0,
    createdBy: caller.aadObjectId,
    createdAt: at,
    updatedAt: at,
    ...(ownerId ? { ownerId } : {}),
    ...(organisation ? { organisation } : {}),
    ...(input.due ? { due: input.due } : {}),
    ...(input.area?.trim() ? { area: input.area.trim() } : {}),
    ...(input.sessionId ? { sessionId: input.sessionId } : {}),
  };
  const created = await deps.items.create(item, { at, by: caller.aadObjectId, byName: caller.name ?? '', field: 'created', to: item.title }, key);
  await scheduleItemReminders(deps, created.value, settings);
  await scheduleDigest(deps, group, settings);
  return created;
}

async function resolveOrganisation(known: readonly string[], org: string | null | undefined): Promise<string | undefined> {
  if (!org || !org.trim()) return undefined;
  // With no list configured yet, organisations are free text; once co-chairs set one, it is the list.
  return known.length === 0 ? org.trim() : checkOrganisation(known, org);
}

export async function getItem(deps: WorkPlanDeps, caller: Caller, group: Group, number: number): Promise<Versioned<ActionItem>> {
  await deps.roles.assertMember(caller, group);
  const item = await deps.items.get(group, number);
  if (!item) throw itemNotFound(refOf(number));
  return item;
}

/** The rules of the house: the owner (or a member of the owning organisation) or a co-chair updates; only co-chairs change priority, drop or delete. */
export function mayEdit(role: Role | undefined, caller: Caller, item: ActionItem, callerOrg: string | undefined): boolean {
  if (role === 'co-chair') return true;
  if (!role) return false;
  return item.ownerId ? item.ownerId === caller.aadObjectId.toLowerCase() : Boolean(item.organisation && callerOrg === item.organisation);
}

function assertMayChange(role: Role, caller: Caller, item: ActionItem, callerOrg: string | undefined, f: ItemFields): void {
  if (role === 'co-chair') return;
  if (!mayEdit(role, caller, item, callerOrg)) throw notAllowed('ownerOrCoChair');
  if (f.priority !== undefined && f.priority !== item.priority) throw notAllowed('coChairPriority');
  if (f.status === 'dropped' && item.status !== 'dropped') throw notAllowed('coChairDrop');
}

const FIELDS = ['title', 'description', 'ownerId', 'organisation', 'priority', 'status', 'progress', 'due', 'area'] as const;

/**
 * Reads the item, checks the rule against what is stored now, writes with the ETag read.
 * Without `ifMatch`, a concurrent edit makes it re-read and re-apply (nothing is lost);
 * with it (the tab sends what it showed), a stale version is reported instead.
 */
export async function changeItem(deps: WorkPlanDeps, caller: Caller, group: Group, number: number, f: ItemFields, ifMatch?: string): Promise<{ item: Versioned<ActionItem>; entries: NewHistory[] }> {
  const role = await deps.roles.assertMember(caller, group);
  const { value: settings } = await readSettings(deps, group);
  const now = deps.clock.now();
  checkFields(f, localDate(now, settings.timeZone));
  if (f.ownerId) await checkOwner(deps.repos.members, group, f.ownerId.toLowerCase());
  const organisation = f.organisation === undefined ? undefined : ((await resolveOrganisation(settings.organisations, f.organisation)) ?? null);
  const callerOrg = (await deps.settings.memberOrganisations(group)).get(caller.aadObjectId.toLowerCase());
  const attempt = async () => {
    const current = await deps.items.get(group, number);
    if (!current) throw itemNotFound(refOf(number));
    if (ifMatch !== undefined && ifMatch !== current.etag) throw new QuorumError('concurrent-update', 'item changed since it was read');
    assertMayChange(role, caller, current.value, callerOrg, f);
    const { next, entries } = apply(current.value, { ...f, ...(organisation !== undefined ? { organisation } : {}) }, caller, now);
    if (entries.length === 0) return { item: current, entries };
    return { item: await deps.items.update(next, current.etag, entries, current.value), entries };
  };
  const result = ifMatch !== undefined ? await attempt() : await retryOnConflict(attempt, 8);
  // A new due date, owner or organisation, or a reopened item, starts a new series; the old
  // jobs find they no longer match and skip. A change between open states changes nothing.
  const reopened = result.entries.some((e) => e.field === 'status' && CLOSED.has(e.from as ItemStatus) && isOpen(result.item.value));
  if (reopened || result.entries.some((e) => ['due', 'ownerId', 'organisation'].includes(e.field))) await scheduleItemReminders(deps, result.item.value, settings);
  return result;
}

function apply(item: ActionItem, f: ItemFields, caller: Caller, now: Date): { next: ActionItem; entries: NewHistory[] } {
  const at = now.toISOString();
  const next: Record<string, unknown> = { ...item, updatedAt: at };
  const entries: NewHistory[] = [];
  const base = { at, by: caller.aadObjectId, byName: caller.name ?? '' };
  const changes: ItemFields = { ...f };
  if (f.status === 'done' && item.status !== 'done') changes.progress = 100;
  for (const field of FIELDS) {
    const raw = changes[field];
    if (raw === undefined) continue;
    const value = typeof raw === 'string' ? (field === 'ownerId' ? raw.toLowerCase() : raw.trim()) : raw;
    const before = item[field];
    if ((value === null || value === '' ? undefined : value) === before) continue;
    if (value === null || value === '') delete next[field];
    else next[field] = value;
    entries.push({ ...base, field, ...(before !== undefined ? { from: String(before) } : {}), ...(value !== null && value !== '' ? { to: String(value) } : {}) });
  }
  if (next.status === 'done' && item.status !== 'done') next.doneAt = at;
  if (next.status !== 'done') delete next.doneAt;
  if (f.note !== undefined) entries.push({ ...base, field: 'note', to: f.note.trim() });
  return { next: next as unknown as ActionItem, entries };
}

export async function deleteItem(deps: WorkPlanDeps, caller: Caller, group: Group, number: number): Promise<ActionItem> {
  await deps.roles.assertCoChair(caller, group);
  return retryOnConflict(async () => {
    const current = await deps.items.get(group, number);
    if (!current) throw itemNotFound(refOf(number));
    await deps.items.remove(current.value, current.etag, { at: deps.clock.now().toISOString(), by: caller.aadObjectId, byName: caller.name ?? '', field: 'deleted', from: current.value.title });
    return current.value;
  });
}

export async function itemHistory(deps: WorkPlanDeps, caller: Caller, group: Group, number: number): Promise<HistoryEntry[]> {
  await deps.roles.assertMember(caller, group);
  return deps.items.history(group, number);
}
