import type { Translate } from '../../i18n/i18n';
import { expandCard, type AdaptiveCard } from '../render';
import { priorityChoices } from './labels';
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
  members: { id: string; name: string }[];
  organisations: string[];
  values: ItemFormValues;
  /** In a message-action dialog the form submits (Action.Submit); in chat it executes. */
  dialog: boolean;
  error?: string;
}

const MAX_MEMBERS = 200;

export function renderItemFormCard(t: Translate, v: ItemFormView): AdaptiveCard {
  const labelKeys = ['title', 'titleRequired', 'description', 'owner', 'ownerPlaceholder', 'organisation', 'organisationPlaceholder', 'priority', 'due', 'area', 'create'];
  return expandCard(template, {
    teamId: v.teamId,
    heading: t('workPlan.form.heading'),
    notice: v.error ?? '',
    dialog: v.dialog,
    members: [...v.members].sort((a, b) => a.name.localeCompare(b.name)).slice(0, MAX_MEMBERS),
    organisations: v.organisations.map((name) => ({ name })),
    priorities: priorityChoices(t),
    values: { title: '', description: '', owner: '', organisation: '', priority: 'medium', due: '', area: '', ...v.values },
    labels: Object.fromEntries(labelKeys.map((k) => [k, t(`workPlan.form.${k}`)])),
  });
}
