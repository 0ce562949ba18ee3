import { CADENCES, WEEKDAYS, type WorkPlanSettings } from '../../domain/work-plan/work-plan-settings';
import type { Translate } from '../../i18n/i18n';
import { expandCard, type AdaptiveCard } from '../render';
import { noticeData, type Notice } from './labels';
import template from './templates/settings.json';

export interface SettingsCardView {
  teamId: string;
  settings: WorkPlanSettings;
  members: { id: string; name: string; organisation?: string }[];
  notice?: Notice;
}

const MAX_MEMBERS = 200;

export function renderSettingsCard(t: Translate, v: SettingsCardView): AdaptiveCard {
  const s = v.settings;
  const labelKeys = ['timeZone', 'digestDay', 'digestTime', 'dueSoonDays', 'overdueCadence', 'escalateAfter', 'workingDays', 'organisations', 'save', 'membersHeading', 'member', 'memberPlaceholder', 'noOrganisation', 'setOrganisation'];
  const members = [...v.members].sort((a, b) => a.name.localeCompare(b.name)).slice(0, MAX_MEMBERS);
  return expandCard(template, {
    teamId: v.teamId,
    heading: t('workPlan.settings.heading'),
    ...noticeData(v.notice),
    values: {
      timeZone: s.timeZone,
      digestDay: s.digestDay,
      digestTime: s.digestTime,
      dueSoonDays: s.dueSoonDays.join(', '),
      overdueCadence: s.overdueCadence,
      escalateAfter: s.escalateAfter,
      workingDays: s.workingDays.join(','),
      organisations: s.organisations.join('\n'),
    },
    days: WEEKDAYS.map((d) => ({ title: t(`workPlan.days.${d}`), value: d })),
    cadences: CADENCES.map((c) => ({ title: t(`workPlan.cadence.${c}`), value: c })),
    members: members.map((m) => ({ id: m.id, name: m.name })),
    memberLines: members.filter((m) => m.organisation).map((m) => ({ text: t('workPlan.settings.memberLine', { name: m.name, organisation: m.organisation ?? '' }) })),
    organisationChoices: s.organisations.map((name) => ({ name })),
    labels: {
      ...Object.fromEntries(labelKeys.map((k) => [k, t(`workPlan.settings.${k}`)])),
      organisation: t('workPlan.form.organisation'),
    },
  });
}
