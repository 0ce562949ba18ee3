import { formatDateTime } from '../../../kernel/display-time';
import { ITEM_STATUSES, PRIORITIES, type ActionItem, type HistoryEntry } from '../domain/action-item';
import { FORMER_MEMBER } from '../../../kernel/person-data';
import type { Translate } from '../../../platform/i18n/i18n';

export type Tone = 'good' | 'attention';
export interface Notice {
  text: string;
  tone: Tone;
}

export function noticeData(n: Notice | undefined): { notice: string; noticeColor: 'Good' | 'Attention' | 'Default' } {
  return { notice: n?.text ?? '', noticeColor: n ? (n.tone === 'good' ? 'Good' : 'Attention') : 'Default' };
}

export const statusChoices = (t: Translate) => ITEM_STATUSES.map((s) => ({ title: t(`workPlan.status.${s}`), value: s }));
export const priorityChoices = (t: Translate) => PRIORITIES.map((p) => ({ title: t(`workPlan.priority.${p}`), value: p }));

/** A stored field value as people read it (statuses and priorities translated). */
export function showValue(t: Translate, field: string, value: string | undefined, names: ReadonlyMap<string, string>): string {
  if (value === undefined || value === '') return t('workPlan.item.none');
  if (value === FORMER_MEMBER) return t('workPlan.history.formerMember');
  if (field === 'status') return t(`workPlan.status.${value}`);
  if (field === 'priority') return t(`workPlan.priority.${value}`);
  if (field === 'ownerId') return names.get(value) ?? value;
  if (field === 'progress') return t('workPlan.item.percent', { value });
  return value;
}

/** A fact on the item card: an empty value in words ("Nobody yet", "No due date"), not a dash. */
export function factValue(t: Translate, field: string, value: string | undefined, names: ReadonlyMap<string, string>): string {
  if (value === undefined || value === '') return t(`workPlan.item.empty.${field}`);
  return showValue(t, field, value, names);
}

/** "2027-01-05 14:03" in the group's zone. */
/** A moment as every card and the tab show it: the language's format, the zone named. */
export function stamp(iso: string, timeZone: string, t: Translate): string {
  return formatDateTime(new Date(iso), timeZone, t.language ?? 'en');
}

export function historyLine(t: Translate, h: Pick<HistoryEntry, 'at' | 'byName' | 'field' | 'from' | 'to'>, timeZone: string, names: ReadonlyMap<string, string>): string {
  const base = { at: stamp(h.at, timeZone, t), who: h.byName || t('workPlan.history.someone') };
  if (h.field === 'created') return t('workPlan.history.created', base);
  if (h.field === 'deleted') return t('workPlan.history.deleted', base);
  // Written by `npm run person -- erase` (see teams/features/work-plan/person-data.ts).
  if (h.field === 'ownerErased') return t('workPlan.history.ownerErased', base);
  if (h.field === 'note') return t('workPlan.history.note', { ...base, note: h.to ?? '' });
  return t('workPlan.history.change', { ...base, field: t(`workPlan.fields.${h.field}`), from: showValue(t, h.field, h.from, names), to: showValue(t, h.field, h.to, names) });
}

export function ownerText(t: Translate, item: ActionItem, names: ReadonlyMap<string, string>): string {
  const who = item.ownerId ? (names.get(item.ownerId) ?? item.ownerId) : '';
  const parts = [who, item.organisation ?? ''].filter(Boolean);
  return parts.length ? parts.join(' · ') : t('workPlan.list.noOwner');
}
