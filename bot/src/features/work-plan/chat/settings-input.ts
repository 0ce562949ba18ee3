import type { SettingsPayload } from '../cards/payloads';
import type { Group } from '../../../kernel/group';
import type { Caller } from '../../../kernel/identity';
import { formatDateTime } from '../../../kernel/display-time';
import { instantAt, localDate } from '../../../kernel/local-time';
import { invalid } from '../domain/item-errors';
import { readSettings, saveSettings, type SettingsInput } from '../domain/settings.use-case';
import type { OverdueCadence, Weekday, WorkPlanSettings } from '../domain/work-plan-settings';
import type { WorkPlanContext } from '../work-plan-context';

/** Card inputs are strings ("7, 1", "mon,tue", one organisation per line); empty ones keep the stored value. */
export async function settingsFromCard(w: WorkPlanContext, group: Group, p: SettingsPayload): Promise<SettingsInput> {
  const { value: s } = await readSettings(w, group);
  const list = (v: string, sep: RegExp) =>
    v
      .split(sep)
      .map((x) => x.trim())
      .filter(Boolean);
  const numbers = (v: string) =>
    list(v, /[,;\s]+/).map((x) => {
      if (!/^\d{1,3}$/.test(x)) throw invalid('badOffsets');
      return Number(x);
    });
  const escalate = p.escalateAfter === undefined || p.escalateAfter === '' ? s.escalateAfter : Number(p.escalateAfter);
  if (!Number.isInteger(escalate)) throw invalid('badEscalation');
  return {
    timeZone: p.timeZone?.trim() || s.timeZone,
    ...(p.language?.trim() ? { language: p.language.trim() } : {}),
    digestDay: (p.digestDay?.trim() || s.digestDay) as Weekday,
    digestTime: p.digestTime?.trim() || s.digestTime,
    dueSoonDays: p.dueSoonDays === undefined ? s.dueSoonDays : numbers(p.dueSoonDays),
    overdueCadence: (p.overdueCadence?.trim() || s.overdueCadence) as OverdueCadence,
    escalateAfter: escalate,
    workingDays: p.workingDays === undefined ? s.workingDays : (list(p.workingDays, /[,;\s]+/) as Weekday[]),
    organisations: p.organisations === undefined ? s.organisations : list(p.organisations, /\r?\n/),
  };
}

/** Saves, and says when the next digest goes out, as every card writes a moment (`locale`'s format, the zone named). */
export async function saveSettingsFromCard(w: WorkPlanContext, caller: Caller, group: Group, p: SettingsPayload, locale = 'en'): Promise<{ next: string; saved: WorkPlanSettings }> {
  await w.roles.assertCoChair(caller, group);
  const { value: saved } = await saveSettings(w, caller, group, await settingsFromCard(w, group, p));
  const key = saved.digestJobKey ?? '';
  const date = key.split('|')[1] ?? localDate(w.clock.now(), saved.timeZone);
  return { next: formatDateTime(instantAt(date, saved.digestTime, saved.timeZone), saved.timeZone, locale), saved };
}

/** The settings inputs as typed on the card (the member picker's too), to draw them again. */
export function typedSettings(p: SettingsPayload): Partial<Record<string, string | number>> {
  const { teamId: _teamId, ...typed } = p;
  return Object.fromEntries(Object.entries(typed).filter(([, v]) => v !== undefined));
}
