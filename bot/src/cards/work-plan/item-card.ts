import { isOpen, refOf, type ActionItem, type HistoryEntry } from '../../domain/work-plan/action-item';
import type { Translate } from '../../i18n/i18n';
import { expandCard, type AdaptiveCard } from '../render';
import { historyLine, noticeData, priorityChoices, showValue, statusChoices, type Notice } from './labels';
import template from './templates/item.json';

export interface ItemCardView {
  teamId: string;
  item: ActionItem;
  history: HistoryEntry[];
  /** Object id → display name, for owners and history. */
  names: ReadonlyMap<string, string>;
  timeZone: string;
  canEdit: boolean;
  isCoChair: boolean;
  notice?: Notice;
}

/** The last changes shown on the card; the tab shows the whole history. */
const HISTORY_SHOWN = 8;

export function renderItemCard(t: Translate, v: ItemCardView): AdaptiveCard {
  const i = v.item;
  const fact = (label: string, field: string, value: string | undefined) => ({ label: t(`workPlan.item.${label}`), value: showValue(t, field, value, v.names) });
  const facts = [
    fact('owner', 'ownerId', i.ownerId),
    fact('organisation', 'organisation', i.organisation),
    fact('priority', 'priority', i.priority),
    fact('status', 'status', i.status),
    fact('progress', 'progress', String(i.progress)),
    fact('due', 'due', i.due),
    fact('area', 'area', i.area),
    ...(i.sessionId ? [fact('session', 'session', i.sessionId)] : []),
  ];
  const labelKeys = ['status', 'setStatus', 'progress', 'setProgress', 'due', 'setDue', 'priority', 'setPriority', 'note', 'notePlaceholder', 'addNote', 'markDone', 'refresh', 'delete'];
  return expandCard(template, {
    teamId: v.teamId,
    itemId: i.number,
    ref: refOf(i.number),
    title: i.title,
    description: i.description,
    ...noticeData(v.notice),
    facts,
    historyTitle: t('workPlan.item.historyTitle'),
    history: v.history.slice(-HISTORY_SHOWN).reverse().map((h) => ({ text: historyLine(t, h, v.timeZone, v.names) })),
    canEdit: v.canEdit,
    isCoChair: v.isCoChair,
    isOpen: isOpen(i),
    status: i.status,
    priority: i.priority,
    progress: i.progress,
    due: i.due ?? '',
    statusChoices: statusChoices(t),
    priorityChoices: priorityChoices(t),
    labels: Object.fromEntries(labelKeys.map((k) => [k, t(`workPlan.item.${k}`)])),
  });
}
