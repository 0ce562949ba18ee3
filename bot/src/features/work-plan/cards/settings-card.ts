import { CADENCES, ORGANISATIONS_TEXT_MAX, WEEKDAYS, type WorkPlanSettings } from '../domain/work-plan-settings';
import { LANGUAGE_CHOICES, LANGUAGE_NAMES, type Language } from '../../../kernel/languages';
import type { Translate } from '../../../platform/i18n/i18n';
import { errorSlots, numberOrNothing, type FormError } from '../../../platform/cards/field-errors';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';
import { noticeData, type Notice } from './labels';
import { datasetOf, picker } from './pickers';
import template from './templates/settings.json';

export interface SettingsCardView {
  teamId: string;
  settings: WorkPlanSettings;
  /** The group's language (what the channel reads). */
  language: Language;
  members: { id: string; name: string; organisation?: string }[];
  notice?: Notice;
  /** What the co-chair typed, shown instead of the stored settings (after a refusal, or beside another action). */
  typed?: Partial<Record<SettingsField, string | number>>;
  error?: FormError;
}

export const SETTINGS_FIELDS = [
  'timeZone',
  'language',
  'digestDay',
  'digestTime',
  'dueSoonDays',
  'overdueCadence',
  'escalateAfter',
  'workingDays',
  'organisations',
  'memberId',
  'memberOrganisation',
] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

/** Which input a refusal concerns (the work-plan catalog's reason → input id). */
export const SETTINGS_ERROR_FIELDS: Readonly<Record<string, SettingsField>> = {
  badTimeZone: 'timeZone',
  badLanguage: 'language',
  badDay: 'digestDay',
  badTime: 'digestTime',
  badOffsets: 'dueSoonDays',
  badCadence: 'overdueCadence',
  badEscalation: 'escalateAfter',
  badWorkingDays: 'workingDays',
  badOrganisations: 'organisations',
  noMember: 'memberId',
  unknownOwner: 'memberId',
  unknownOrganisation: 'memberOrganisation',
};

/** Members' organisations listed on the card; the rest are counted, and the picker below shows anyone's. */
export const MEMBER_LINES = 10;
const MEMBER_FIELDS: readonly SettingsField[] = ['memberId', 'memberOrganisation'];

export function renderSettingsCard(t: Translate, v: SettingsCardView): AdaptiveCard {
  const s = v.settings;
  const labelKeys = [
    'timeZone',
    'language',
    'digestDay',
    'digestTime',
    'dueSoonDays',
    'overdueCadence',
    'escalateAfter',
    'workingDays',
    'organisations',
    'save',
    'membersHeading',
    'member',
    'memberPlaceholder',
    'noOrganisation',
    'setOrganisation',
  ];
  const typed = v.typed ?? {};
  const text = (k: SettingsField, stored: string) => (typeof typed[k] === 'string' ? (typed[k] as string) : stored);
  // Without organisations there is nothing to give a member: the member row is not drawn, and its errors go to the top.
  const canSetMember = s.organisations.length > 0 && v.members.length > 0;
  const { errors, notice } = errorSlots(
    SETTINGS_FIELDS.filter((f) => canSetMember || !MEMBER_FIELDS.includes(f)),
    v.error,
  );
  const members = [...v.members].sort((a, b) => a.name.localeCompare(b.name));
  const withOrganisation = members.filter((m) => m.organisation);
  const memberTitle = (m: { name: string; organisation?: string }) => (m.organisation ? t('workPlan.settings.memberLine', { name: m.name, organisation: m.organisation }) : m.name);
  const memberId = text('memberId', '');
  const memberOrganisation = text('memberOrganisation', '');
  return expandCard(
    template,
    {
      teamId: v.teamId,
      heading: t('workPlan.settings.heading'),
      ...noticeData(notice ? { text: notice, tone: 'attention' } : v.notice),
      errors,
      values: {
        timeZone: text('timeZone', s.timeZone),
        language: text('language', v.language),
        digestDay: text('digestDay', s.digestDay),
        digestTime: text('digestTime', s.digestTime),
        dueSoonDays: text('dueSoonDays', s.dueSoonDays.join(', ')),
        overdueCadence: text('overdueCadence', s.overdueCadence),
        escalateAfter: numberOrNothing(typed.escalateAfter) ?? s.escalateAfter,
        workingDays: text('workingDays', s.workingDays.join(',')),
        organisations: text('organisations', s.organisations.join('\n')),
        memberId,
        memberOrganisation,
      },
      limits: { organisations: ORGANISATIONS_TEXT_MAX },
      // Each language named in itself: a reader finds their own whatever the card's language.
      languages: LANGUAGE_CHOICES.map((l) => ({ title: LANGUAGE_NAMES[l], value: l })),
      days: WEEKDAYS.map((d) => ({ title: t(`workPlan.days.${d}`), value: d })),
      cadences: CADENCES.map((c) => ({ title: t(`workPlan.cadence.${c}`), value: c })),
      canSetMember,
      memberPicker: picker(
        members.map((m) => ({ title: memberTitle(m), value: m.id })),
        memberId,
        datasetOf('members', v.teamId),
      ),
      organisationPicker: picker(
        s.organisations.map((name) => ({ title: name, value: name })),
        memberOrganisation,
        datasetOf('organisations', v.teamId),
      ),
      membersSummary: t('workPlan.settings.membersSummary', { count: withOrganisation.length, total: members.length }),
      memberLines: withOrganisation.slice(0, MEMBER_LINES).map((m) => ({ text: memberTitle(m) })),
      moreMembers: withOrganisation.length > MEMBER_LINES ? t('workPlan.settings.moreMembers', { count: withOrganisation.length - MEMBER_LINES }) : '',
      noOrganisationsYet: t('workPlan.settings.noOrganisationsYet'),
      labels: {
        ...Object.fromEntries(labelKeys.map((k) => [k, t(`workPlan.settings.${k}`)])),
        organisation: t('workPlan.form.organisation'),
        memberSearch: t('workPlan.settings.memberSearch'),
        organisationSearch: t('workPlan.form.organisationSearch'),
      },
    },
    t,
  );
}
