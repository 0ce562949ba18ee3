import type { Notice } from '../../../cards/work-plan/labels';
import { itemActionPayload, itemFormPayload, itemShowPayload, itemsPagePayload, settingsPayload, type ItemActionPayload } from '../../../cards/work-plan/payloads';
import { WORK_PLAN_VERBS as V } from '../../../cards/work-plan/verbs';
import { SETTINGS_ERROR_FIELDS } from '../../../cards/work-plan/settings-card';
import { ITEM_FORM_ERROR_FIELDS } from '../../../cards/work-plan/item-form-card';
import { formError } from '../../form-error';
import { isQuorumError } from '../../../domain/errors';
import { refOf, type ItemStatus, type Priority } from '../../../domain/work-plan/action-item';
import { changeItem, createItem, deleteItem } from '../../../domain/work-plan/action-items.use-case';
import { invalid } from '../../../domain/work-plan/item-errors';
import { toProgress, type ItemFields } from '../../../domain/work-plan/item-input';
import { setMemberOrganisation } from '../../../domain/work-plan/settings.use-case';
import { presentError } from '../../errors.presenter';
import type { CardActionResult, CardVerb, TurnScope } from '../../feature';
import { parsePayload } from '../../payload';
import { itemForm, settingsCard } from './commands';
import { formToFields, formValues } from './form-input';
import { itemCard, listCard } from './item-views';
import { saveSettingsFromCard, typedSettings } from './settings-input';
import type { WorkPlanContext } from './work-plan-context';

/** Refusals the user can fix are shown on the card itself, which stays usable. */
function shownOnCard(err: unknown): boolean {
  return isQuorumError(err) && ['validation', 'forbidden', 'concurrent-update', 'conflict'].includes(err.code);
}

function errorNotice(s: TurnScope, err: unknown, where: string): Notice {
  return { text: presentError(err, s.t, s.deps.logger, where).text, tone: 'attention' };
}

type Change = (p: ItemActionPayload) => ItemFields;

const CHANGES: Record<string, Change> = {
  [V.itemStatus]: (p) => ({ status: need(p.status, 'badStatus') as ItemStatus }),
  [V.itemProgress]: (p) => ({ progress: toProgress(p.progress ?? '') }),
  [V.itemDone]: () => ({ status: 'done' }),
  [V.itemDue]: (p) => ({ due: need(p.due, 'badDate') }),
  [V.itemNote]: (p) => ({ note: p.note ?? '' }),
  [V.itemPriority]: (p) => ({ priority: need(p.priority, 'badPriority') as Priority }),
};

function need(v: string | undefined, reason: string): string {
  if (v === undefined || v.trim() === '') throw invalid(reason, { value: '' });
  return v.trim();
}

async function changeVerb(w: WorkPlanContext, s: TurnScope, verb: string, data: unknown): Promise<CardActionResult> {
  const p = parsePayload(itemActionPayload, data);
  const group = await s.group();
  let notice: Notice;
  try {
    const { entries } = await changeItem(w, s.caller, group, p.itemId, CHANGES[verb]!(p));
    w.logger.info({ tenantId: group.tenantId, teamId: group.teamId, ref: refOf(p.itemId), by: s.caller.aadObjectId, fields: entries.map((e) => e.field) }, 'action item changed');
    const who = s.caller.name ?? '';
    const fields = [...new Set(entries.filter((e) => e.field !== 'note').map((e) => s.t(`workPlan.fields.${e.field}`)))];
    const text = fields.length ? s.t('workPlan.item.changed', { who, what: fields.join(', ') }) : entries.length ? s.t('workPlan.item.noted', { who }) : s.t('workPlan.item.unchanged');
    notice = { text, tone: 'good' };
  } catch (err) {
    if (!shownOnCard(err)) throw err;
    notice = errorNotice(s, err, `card:${verb}`);
  }
  return { card: await itemCard(w, s.t, s.caller, group, p.itemId, notice) };
}

export function workPlanVerbs(w: WorkPlanContext): CardVerb[] {
  return [
    ...Object.keys(CHANGES).map((verb): CardVerb => ({ verb, run: (s, data) => changeVerb(w, s, verb, data) })),
    {
      verb: V.itemShow,
      run: async (s, data) => ({ card: await itemCard(w, s.t, s.caller, await s.group(), parsePayload(itemShowPayload, data).itemId) }),
    },
    {
      verb: V.itemDelete,
      run: async (s, data) => {
        const p = parsePayload(itemActionPayload, data);
        const group = await s.group();
        try {
          const item = await deleteItem(w, s.caller, group, p.itemId);
          return { message: s.t('workPlan.item.deleted', { ref: refOf(item.number), who: s.caller.name ?? '' }) };
        } catch (err) {
          if (!shownOnCard(err)) throw err;
          return { card: await itemCard(w, s.t, s.caller, group, p.itemId, errorNotice(s, err, 'card:delete')) };
        }
      },
    },
    {
      verb: V.itemsPage,
      run: async (s, data) => {
        const p = parsePayload(itemsPagePayload, data);
        const group = await s.group();
        await w.roles.assertMember(s.caller, group);
        return { card: await listCard(w, s.t, s.caller, group, p.filter, p.page) };
      },
    },
    {
      verb: V.itemCreate,
      run: async (s, data) => {
        const p = parsePayload(itemFormPayload, data);
        const group = await s.group();
        try {
          const created = await createItem(w, s.caller, group, formToFields(p));
          w.logger.info({ tenantId: group.tenantId, teamId: group.teamId, ref: refOf(created.value.number), by: s.caller.aadObjectId }, 'action item created');
          const notice: Notice = { text: s.t('workPlan.item.created', { who: s.caller.name ?? '', ref: refOf(created.value.number) }), tone: 'good' };
          return { card: await itemCard(w, s.t, s.caller, group, created.value.number, notice) };
        } catch (err) {
          if (!shownOnCard(err)) throw err;
          return { card: await itemForm(w, s, group, formValues(p), false, formError(err, s.t, s.deps.logger, 'card:create', ITEM_FORM_ERROR_FIELDS)) };
        }
      },
    },
    {
      verb: V.settingsSave,
      run: async (s, data) => {
        const p = parsePayload(settingsPayload, data);
        const group = await s.group();
        try {
          const { next, saved } = await saveSettingsFromCard(w, s.caller, group, p);
          return { card: await settingsCard(w, s, group, { text: s.t('workPlan.settings.saved', { next }), tone: 'good' }, { saved }) };
        } catch (err) {
          if (!shownOnCard(err)) throw err;
          const error = formError(err, s.t, s.deps.logger, 'card:settings', SETTINGS_ERROR_FIELDS);
          return { card: await settingsCard(w, s, group, undefined, { typed: typedSettings(p), error }) };
        }
      },
    },
    {
      verb: V.memberOrganisation,
      run: async (s, data) => {
        const p = parsePayload(settingsPayload, data);
        const group = await s.group();
        // The settings above the member picker are shown as typed: setting a member's organisation does not save them.
        const { memberId: _m, memberOrganisation: _o, ...typed } = typedSettings(p);
        try {
          const r = await setMemberOrganisation(w, s.caller, group, need(p.memberId, 'noMember'), p.memberOrganisation ?? '');
          const notice: Notice = { text: s.t('workPlan.settings.memberSet', { name: r.name, organisation: r.organisation ?? s.t('workPlan.settings.noOrganisation') }), tone: 'good' };
          return { card: await settingsCard(w, s, group, notice, { typed }) };
        } catch (err) {
          if (!shownOnCard(err)) throw err;
          const error = formError(err, s.t, s.deps.logger, 'card:member-org', SETTINGS_ERROR_FIELDS);
          return { card: await settingsCard(w, s, group, undefined, { typed: typedSettings(p), error }) };
        }
      },
    },
  ];
}
