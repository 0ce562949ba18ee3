import { QuorumError } from '../../../kernel/errors';
import type { Group } from '../../../kernel/group';
import type { Caller, GroupRef } from '../../../kernel/identity';
import { LANGUAGE_CHOICES, LANGUAGE_NAMES, isLanguage } from '../../../kernel/languages';
import { retryOnConflict } from '../../../kernel/retry-on-conflict';
import type { Versioned } from '../../../kernel/versioned';
import { invalid } from './item-errors';
import { isOpen } from './action-item';
import { scheduleDigest, scheduleItemReminders } from './reminder-plan';
import type { WorkPlanDeps } from './work-plan-deps';
import { CADENCES, MAX_ORGANISATION_CHARS, MAX_ORGANISATIONS, WEEKDAYS, defaultSettings, isTimeZone, type WorkPlanSettings } from './work-plan-settings';

/**
 * `language` is the group's (what the channel reads): it lives on the group row, beside the
 * time zone every feature reads; left out, it stays as it is.
 */
export type SettingsInput = Pick<WorkPlanSettings, 'timeZone' | 'digestDay' | 'digestTime' | 'dueSoonDays' | 'overdueCadence' | 'escalateAfter' | 'workingDays' | 'organisations'> & {
  language?: string;
};

/** The stored settings, or the defaults (not stored) for a group that never changed them. */
export async function readSettings(
  deps: Pick<WorkPlanDeps, 'settings'>,
  group: Group | (GroupRef & { timeZone?: string }),
): Promise<Versioned<WorkPlanSettings> | { value: WorkPlanSettings; etag: undefined }> {
  return (await deps.settings.get(group)) ?? { value: defaultSettings(group, group.timeZone ?? 'UTC'), etag: undefined };
}

export function checkSettings(s: SettingsInput): void {
  if (!isTimeZone(s.timeZone)) throw invalid('badTimeZone', { value: s.timeZone.slice(0, 60) });
  if (!WEEKDAYS.includes(s.digestDay)) throw invalid('badDay');
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(s.digestTime)) throw invalid('badTime', { value: s.digestTime.slice(0, 20) });
  if (s.dueSoonDays.length > 5 || s.dueSoonDays.some((d) => !Number.isInteger(d) || d < 1 || d > 60)) throw invalid('badOffsets');
  if (!CADENCES.includes(s.overdueCadence)) throw invalid('badCadence');
  if (!Number.isInteger(s.escalateAfter) || s.escalateAfter < 0 || s.escalateAfter > 52) throw invalid('badEscalation');
  if (s.workingDays.length === 0 || s.workingDays.some((d) => !WEEKDAYS.includes(d))) throw invalid('badWorkingDays');
  if (s.organisations.length > MAX_ORGANISATIONS || s.organisations.some((o) => o.trim() === '' || o.length > MAX_ORGANISATION_CHARS)) throw invalid('badOrganisations');
  if (s.language !== undefined && !isLanguage(s.language))
    throw invalid('badLanguage', { value: s.language.slice(0, 20), choices: LANGUAGE_CHOICES.map((l) => `${l} (${LANGUAGE_NAMES[l]})`).join(' · ') });
}

/**
 * What the writer last read: the ETag of the stored settings, or `null` for the defaults
 * (nothing stored yet). A different version stored meanwhile is reported, not overwritten.
 * Without it (the chat card), a concurrent write is re-read and the change re-applied.
 */
export type SettingsPrecondition = string | null | undefined;

/** Co-chairs only. The next digest is rescheduled from the new day and time. */
export async function saveSettings(deps: WorkPlanDeps, caller: Caller, group: Group, input: SettingsInput, ifMatch?: SettingsPrecondition): Promise<Versioned<WorkPlanSettings>> {
  await deps.roles.assertCoChair(caller, group);
  checkSettings(input);
  const { language, ...rest } = input;
  const clean: Omit<SettingsInput, 'language'> = {
    ...rest,
    dueSoonDays: [...new Set(input.dueSoonDays)].sort((a, b) => b - a),
    workingDays: WEEKDAYS.filter((d) => input.workingDays.includes(d)),
    organisations: [...new Map(input.organisations.map((o) => [o.trim().toLowerCase(), o.trim()])).values()],
  };
  const attempt = async () => {
    const current = await readSettings(deps, group);
    if (ifMatch !== undefined && (current.etag ?? null) !== ifMatch) throw settingsChanged();
    return deps.settings.save({ ...current.value, ...clean }, current.etag).catch((err: unknown) => {
      throw ifMatch !== undefined && err instanceof QuorumError && err.code === 'concurrent-update' ? settingsChanged() : err;
    });
  };
  const saved = ifMatch !== undefined ? await attempt() : await retryOnConflict(attempt);
  // The group's time zone is the one every feature reads (sessions, polls, decisions):
  // keep it the same as the one reminders use. The language is the group's too. Every save
  // rewrites the settings row, so its ETag (the tab's If-Match) guards the language as well.
  const lang = language !== undefined && isLanguage(language) ? { language } : {};
  await retryOnConflict(async () => {
    const g = await deps.repos.groups.get(group);
    if (g && (g.value.timeZone !== clean.timeZone || (lang.language && lang.language !== g.value.language))) await deps.repos.groups.update({ ...g.value, timeZone: clean.timeZone, ...lang }, g.etag);
  });
  const rescheduled = await scheduleDigest(deps, group, saved.value, { force: true });
  for (const item of (await deps.items.list(group)).filter(isOpen)) await scheduleItemReminders(deps, item, rescheduled.value, { dueSoonOnly: true });
  return rescheduled;
}

function settingsChanged(): QuorumError {
  return new QuorumError('concurrent-update', 'settings changed since they were read', { reason: 'workPlan.errors.settingsChanged' });
}

/** Co-chairs record which organisation a member belongs to (empty clears it). */
export async function setMemberOrganisation(deps: WorkPlanDeps, caller: Caller, group: Group, aadObjectId: string, organisation: string): Promise<{ name: string; organisation?: string }> {
  await deps.roles.assertCoChair(caller, group);
  const member = await deps.repos.members.get(group, aadObjectId);
  if (!member?.value.active) throw invalid('unknownOwner');
  const org = organisation.trim();
  if (org !== '') {
    const { value } = await readSettings(deps, group);
    if (!value.organisations.some((o) => o === org)) throw invalid('unknownOrganisation', { organisation: org.slice(0, 40) });
  }
  await deps.settings.setMemberOrganisation(group, aadObjectId.toLowerCase(), org || undefined);
  return { name: member.value.name, ...(org ? { organisation: org } : {}) };
}
