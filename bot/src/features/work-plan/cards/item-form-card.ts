import type { Translate } from '../../../platform/i18n/i18n';
import { errorSlots, type FormError } from '../../../platform/cards/field-errors';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';
import { priorityChoices } from './labels';
import { datasetOf, NO_OWNER, picker } from './pickers';
import template from './templates/item-form.json';

export interface ItemFormValues {
  title?: string;
  description?: string;
  owner?: string;
  organisation?: string;
  priority?: string;
  due?: string;
  area?: string;
}

export interface ItemFormView {
  teamId: string;
  /** The group's active members (the picker lists a few and searches the rest). */
  members: { id: string; name: string }[];
  organisations: string[];
  values: ItemFormValues;
  /** In a message-action dialog the form submits (Action.Submit); in chat it executes. */
  dialog: boolean;
  error?: FormError;
}

export const ITEM_FORM_FIELDS = ['title', 'description', 'owner', 'organisation', 'priority', 'due', 'area'] as const;

/** Which input a refusal concerns (the work-plan catalog's reason → input id). */
export const ITEM_FORM_ERROR_FIELDS: Readonly<Record<string, (typeof ITEM_FORM_FIELDS)[number]>> = {
  emptyTitle: 'title',
  longTitle: 'title',
  longDescription: 'description',
  unknownOwner: 'owner',
  unknownOrganisation: 'organisation',
  badPriority: 'priority',
  badDate: 'due',
  pastDate: 'due',
  longArea: 'area',
};

export function renderItemFormCard(t: Translate, v: ItemFormView): AdaptiveCard {
  const { errors, notice } = errorSlots(ITEM_FORM_FIELDS, v.error);
  const labelKeys = ['title', 'titleRequired', 'description', 'owner', 'ownerPlaceholder', 'organisation', 'organisationPlaceholder', 'priority', 'due', 'area', 'create'];
  return expandCard(
    template,
    {
      teamId: v.teamId,
      heading: t('workPlan.form.heading'),
      notice,
      errors,
      dialog: v.dialog,
      // "Nobody" first: the owner is preset to whoever opens the form, and can be taken off.
      owners: picker(
        [...v.members].sort((a, b) => a.name.localeCompare(b.name)).map((m) => ({ title: m.name, value: m.id })),
        v.values.owner,
        datasetOf('members', v.teamId),
        [{ title: t('workPlan.form.noOwner'), value: NO_OWNER }],
      ),
      hasOrganisations: v.organisations.length > 0,
      organisations: picker(
        v.organisations.map((name) => ({ title: name, value: name })),
        v.values.organisation,
        datasetOf('organisations', v.teamId),
      ),
      priorities: priorityChoices(t),
      values: { title: '', description: '', owner: '', organisation: '', priority: 'medium', due: '', area: '', ...v.values },
      labels: { ...Object.fromEntries(labelKeys.map((k) => [k, t(`workPlan.form.${k}`)])), ownerSearch: t('workPlan.form.ownerSearch'), organisationSearch: t('workPlan.form.organisationSearch') },
    },
    t,
  );
}
