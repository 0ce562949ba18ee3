import { ITEM_CARD_ERROR_FIELDS, renderDeleteConfirmCard, renderDeletedCard, type ItemCardField, type ListPlace } from '../cards/item-card';
import type { Notice } from '../cards/labels';
import { itemActionPayload, itemShowPayload, type ItemActionPayload } from '../cards/payloads';
import { WORK_PLAN_VERBS as V } from '../cards/verbs';
import { isQuorumError } from '../../../kernel/errors';
import { refOf, type ItemStatus, type Priority } from '../domain/action-item';
import { changeItem, deleteItem, getItem } from '../domain/action-items.use-case';
import { toProgress, type ItemFields } from '../domain/item-input';
import type { CardActionResult, CardVerb, TurnScope } from '../../../platform/teams/feature';
import { formError } from '../../../platform/teams/form-error';
import { parsePayload } from '../../../platform/cards/payload';
import { itemCard } from './item-views';
import type { WorkPlanContext } from '../work-plan-context';

/** Refusals the user can fix are shown on the card itself, which stays usable. */
export function shownOnCard(err: unknown): boolean {
  return isQuorumError(err) && ['validation', 'forbidden', 'concurrent-update', 'conflict'].includes(err.code);
}

const placeOf = (p: { listFilter?: string | undefined; listPage?: number | undefined }): { from?: ListPlace } => (p.listFilter ? { from: { filter: p.listFilter, page: p.listPage ?? 0 } } : {});

/**
 * What "Save" changes: each input that differs from what the card showed when it was drawn,
 * so a field left alone never undoes someone else's change made meanwhile. Cards drawn before
 * the single save do not say what they showed: their values are compared with what is stored.
 */
export function cardChanges(p: ItemActionPayload): ItemFields {
  const f: ItemFields = {};
  const changed = (k: keyof NonNullable<ItemActionPayload['shown']>, v: string) => !p.shown || String(p.shown[k]).trim() !== v;
  const status = p.status?.trim();
  if (status && changed('status', status)) f.status = status as ItemStatus;
  if (p.progress !== undefined && changed('progress', String(p.progress).trim())) f.progress = toProgress(p.progress);
  const due = p.due?.trim();
  if (due !== undefined && changed('due', due)) f.due = due === '' ? null : due;
  const priority = p.priority?.trim();
  if (priority && changed('priority', priority)) f.priority = priority as Priority;
  if (p.note !== undefined && p.note.trim() !== '') f.note = p.note;
  return f;
}

function typedOf(p: ItemActionPayload): Partial<Record<ItemCardField, string | number>> {
  const typed: Partial<Record<ItemCardField, string | number>> = {};
  for (const k of ['status', 'progress', 'due', 'priority', 'note'] as const) if (p[k] !== undefined) typed[k] = p[k];
  return typed;
}

async function save(w: WorkPlanContext, s: TurnScope, verb: string, data: unknown, fieldsOf: (p: ItemActionPayload) => ItemFields): Promise<CardActionResult> {
  const p = parsePayload(itemActionPayload, data);
  const group = await s.group();
  try {
    const { entries } = await changeItem(w, s.caller, group, p.itemId, fieldsOf(p));
    w.logger.info({ tenantId: group.tenantId, teamId: group.teamId, ref: refOf(p.itemId), by: s.caller.aadObjectId, fields: entries.map((e) => e.field) }, 'action item changed');
    const who = s.caller.name ?? '';
    const fields = [...new Set(entries.filter((e) => e.field !== 'note').map((e) => s.t(`workPlan.fields.${e.field}`)))];
    const text = fields.length ? s.t('workPlan.item.changed', { who, what: fields.join(', ') }) : entries.length ? s.t('workPlan.item.noted', { who }) : s.t('workPlan.item.unchanged');
    return { card: await itemCard(w, s.t, s.caller, group, p.itemId, { notice: { text, tone: 'good' }, ...placeOf(p) }) };
  } catch (err) {
    if (!shownOnCard(err)) throw err;
    // Nothing was saved: the card comes back with every value as typed and the reason beside its field.
    const error = formError(err, s.t, s.deps.logger, `card:${verb}`, ITEM_CARD_ERROR_FIELDS);
    return { card: await itemCard(w, s.t, s.caller, group, p.itemId, { typed: typedOf(p), error, ...placeOf(p) }) };
  }
}

async function askDelete(w: WorkPlanContext, s: TurnScope, data: unknown): Promise<CardActionResult> {
  const p = parsePayload(itemActionPayload, data);
  const group = await s.group();
  const { value: item } = await getItem(w, s.caller, group, p.itemId);
  try {
    await w.roles.assertCoChair(s.caller, group);
  } catch (err) {
    if (!shownOnCard(err)) throw err;
    const notice: Notice = { text: formError(err, s.t, s.deps.logger, 'card:delete', {}).text, tone: 'attention' };
    return { card: await itemCard(w, s.t, s.caller, group, p.itemId, { notice, ...placeOf(p) }) };
  }
  return { card: renderDeleteConfirmCard(s.t, { teamId: group.teamId, item, ...placeOf(p) }) };
}

async function confirmDelete(w: WorkPlanContext, s: TurnScope, data: unknown): Promise<CardActionResult> {
  const p = parsePayload(itemActionPayload, data);
  const group = await s.group();
  const ref = refOf(p.itemId);
  try {
    const item = await deleteItem(w, s.caller, group, p.itemId);
    w.logger.info({ tenantId: group.tenantId, teamId: group.teamId, ref, by: s.caller.aadObjectId }, 'action item deleted');
    return { card: renderDeletedCard(s.t, { ref, title: item.title, text: s.t('workPlan.item.deleted', { ref, who: s.caller.name ?? '' }) }) };
  } catch (err) {
    // Pressed twice, or deleted by someone else meanwhile: the outcome is the same.
    if (isQuorumError(err) && err.code === 'not-found') return { card: renderDeletedCard(s.t, { ref, title: '', text: s.t('workPlan.item.gone', { ref }) }) };
    if (!shownOnCard(err)) throw err;
    const notice: Notice = { text: formError(err, s.t, s.deps.logger, 'card:delete', {}).text, tone: 'attention' };
    return { card: await itemCard(w, s.t, s.caller, group, p.itemId, { notice, ...placeOf(p) }) };
  }
}

/** The item card's buttons: one save for its fields, mark done, show again, delete (asked first). */
export function itemVerbs(w: WorkPlanContext): CardVerb[] {
  // The per-field buttons of older cards save every field as well: Teams sends all the card's inputs with any button.
  const saving = [V.itemSave, V.itemStatus, V.itemProgress, V.itemDue, V.itemNote, V.itemPriority];
  return [
    ...saving.map((verb): CardVerb => ({ verb, run: (s, data) => save(w, s, verb, data, cardChanges) })),
    { verb: V.itemDone, run: (s, data) => save(w, s, V.itemDone, data, () => ({ status: 'done' })) },
    {
      verb: V.itemShow,
      run: async (s, data) => {
        const p = parsePayload(itemShowPayload, data);
        return { card: await itemCard(w, s.t, s.caller, await s.group(), p.itemId, placeOf(p)) };
      },
    },
    { verb: V.itemDelete, run: (s, data) => askDelete(w, s, data) },
    { verb: V.itemDeleteConfirm, run: (s, data) => confirmDelete(w, s, data) },
  ];
}
