import { isOpen, refOf, type ActionItem, type HistoryEntry } from '../domain/action-item';
import type { Translate } from '../../../platform/i18n/i18n';
import { errorSlots, numberOrNothing, type FormError } from '../../../platform/cards/field-errors';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';
import { factValue, historyLine, noticeData, priorityChoices, statusChoices, type Notice } from './labels';
import template from './templates/item.json';
import confirmTemplate from './templates/item-delete-confirm.json';
import deletedTemplate from './templates/item-deleted.json';

/** The list an item card was opened from, for its "Back to list" button. */
export interface ListPlace {
  filter: string;
  page: number;
}

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
  from?: ListPlace;
  /** What was typed in the card's inputs, shown again after a refusal. */
  typed?: Partial<Record<ItemCardField, string | number>>;
  error?: FormError;
}

export const ITEM_CARD_FIELDS = ['status', 'progress', 'due', 'priority', 'note'] as const;
export type ItemCardField = (typeof ITEM_CARD_FIELDS)[number];

/** Which input a refusal of "Save" concerns (the work-plan catalog's reason → input id). */
export const ITEM_CARD_ERROR_FIELDS: Readonly<Record<string, ItemCardField>> = {
  badStatus: 'status',
  coChairDrop: 'status',
  badProgress: 'progress',
  badDate: 'due',
  pastDate: 'due',
  badPriority: 'priority',
  coChairPriority: 'priority',
  emptyNote: 'note',
  longNote: 'note',
};

/** The last changes shown on the card; the tab shows the whole history. */
const HISTORY_SHOWN = 8;

const placeData = (from: ListPlace | undefined) => ({ listFilter: from?.filter ?? '', listPage: from?.page ?? 0 });

export function renderItemCard(t: Translate, v: ItemCardView): AdaptiveCard {
  const i = v.item;
  const fact = (label: string, field: string, value: string | undefined) => ({ label: t(`workPlan.item.${label}`), value: factValue(t, field, value, v.names) });
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
  const typed = v.typed ?? {};
  const str = (k: ItemCardField, stored: string) => (typeof typed[k] === 'string' ? (typed[k] as string) : stored);
  const progress = 'progress' in typed ? numberOrNothing(typed.progress) : i.progress;
  // An error about an input this viewer is not shown (priority for members; all when read-only) goes to the top.
  const onCard = v.canEdit ? ITEM_CARD_FIELDS.filter((f) => f !== 'priority' || v.isCoChair) : [];
  const { errors: shownErrors, notice } = errorSlots(onCard, v.error);
  const errors = { ...errorSlots(ITEM_CARD_FIELDS, undefined).errors, ...shownErrors };
  const labelKeys = ['status', 'progress', 'progressPlaceholder', 'due', 'priority', 'note', 'notePlaceholder', 'save', 'markDone', 'backToList', 'refresh', 'delete'];
  return expandCard(
    template,
    {
      teamId: v.teamId,
      itemId: i.number,
      ref: refOf(i.number),
      title: i.title,
      description: i.description,
      ...noticeData(notice ? { text: notice, tone: 'attention' } : v.notice),
      errors,
      facts,
      historyTitle: t('workPlan.item.historyTitle'),
      history: v.history
        .slice(-HISTORY_SHOWN)
        .reverse()
        .map((h) => ({ text: historyLine(t, h, v.timeZone, v.names) })),
      canEdit: v.canEdit,
      isCoChair: v.isCoChair,
      isOpen: isOpen(i),
      ...placeData(v.from),
      // As stored (what "Save" compares with, so a field left alone never undoes someone else's change)…
      status: i.status,
      priority: i.priority,
      progress: i.progress,
      due: i.due ?? '',
      // …and as drawn in the inputs.
      hasProgress: progress !== undefined,
      values: { status: str('status', i.status), progress: progress ?? 0, due: str('due', i.due ?? ''), priority: str('priority', i.priority), note: str('note', '') },
      statusChoices: statusChoices(t),
      priorityChoices: priorityChoices(t),
      labels: Object.fromEntries(labelKeys.map((k) => [k, t(`workPlan.item.${k}`)])),
    },
    t,
  );
}

/** Delete asks first; "Cancel" shows the item again. */
export function renderDeleteConfirmCard(t: Translate, v: { teamId: string; item: ActionItem; from?: ListPlace }): AdaptiveCard {
  return expandCard(
    confirmTemplate,
    {
      teamId: v.teamId,
      itemId: v.item.number,
      ref: refOf(v.item.number),
      title: v.item.title,
      question: t('workPlan.item.confirmDelete', { ref: refOf(v.item.number) }),
      detail: t('workPlan.item.confirmDeleteDetail'),
      ...placeData(v.from),
      labels: { confirm: t('workPlan.item.confirmDeleteYes'), cancel: t('workPlan.item.cancel') },
    },
    t,
  );
}

/** What stays in the chat after a delete: no buttons left to press on an item that is gone. */
export function renderDeletedCard(t: Translate, v: { ref: string; title: string; text: string }): AdaptiveCard {
  return expandCard(deletedTemplate, v, t);
}
