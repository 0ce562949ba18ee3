import type { Notice } from '../cards/labels';
import { itemFormPayload, itemsPagePayload, settingsPayload } from '../cards/payloads';
import { WORK_PLAN_VERBS as V } from '../cards/verbs';
import { SETTINGS_ERROR_FIELDS } from '../cards/settings-card';
import { ITEM_FORM_ERROR_FIELDS } from '../cards/item-form-card';
import { formError } from '../../../platform/teams/form-error';
import { refOf } from '../domain/action-item';
import { createItem } from '../domain/action-items.use-case';
import { invalid } from '../domain/item-errors';
import { setMemberOrganisation } from '../domain/settings.use-case';
import type { CardVerb } from '../../../platform/teams/feature';
import { parsePayload } from '../../../platform/cards/payload';
import { itemForm, settingsCard } from './commands';
import { formToFields, formValues } from './form-input';
import { itemCard, listCard } from './item-views';
import { itemVerbs, shownOnCard } from './item-verbs';
import { saveSettingsFromCard, typedSettings } from './settings-input';
import type { WorkPlanContext } from '../work-plan-context';

function need(v: string | undefined, reason: string): string {
  if (v === undefined || v.trim() === '') throw invalid(reason, { value: '' });
  return v.trim();
}

export function workPlanVerbs(w: WorkPlanContext): CardVerb[] {
  return [
    ...itemVerbs(w),
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
          const created = await createItem(w, s.caller, group, formToFields(p), p.requestKey);
          w.logger.info({ tenantId: group.tenantId, teamId: group.teamId, ref: refOf(created.value.number), by: s.caller.aadObjectId }, 'action item created');
          const notice: Notice = { text: s.t('workPlan.item.created', { who: s.caller.name ?? '', ref: refOf(created.value.number) }), tone: 'good' };
          return { card: await itemCard(w, s.t, s.caller, group, created.value.number, { notice }) };
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
          const { next, saved } = await saveSettingsFromCard(w, s.caller, group, p, s.t.language);
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
