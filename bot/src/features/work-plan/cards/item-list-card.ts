import { refOf, type ActionItem } from '../domain/action-item';
import type { Translate } from '../../../platform/i18n/i18n';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';
import { noticeData, ownerText, type Notice } from './labels';
import template from './templates/item-list.json';

export const PAGE_SIZE = 15;

export interface ItemListView {
  teamId: string;
  title: string;
  /** What the paging buttons ask for again ('mine', 'all', 'overdue', 'org:<name>'). */
  filter: string;
  items: ActionItem[];
  page: number;
  today: string;
  names: ReadonlyMap<string, string>;
  notice?: Notice;
}

export function renderItemListCard(t: Translate, v: ItemListView): AdaptiveCard {
  const pages = Math.max(1, Math.ceil(v.items.length / PAGE_SIZE));
  const page = Math.min(Math.max(0, v.page), pages - 1);
  const shown = v.items.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const pageText = v.items.length > PAGE_SIZE ? t('workPlan.list.page', { from: page * PAGE_SIZE + 1, to: page * PAGE_SIZE + shown.length, total: v.items.length }) : '';
  return expandCard(
    template,
    {
      teamId: v.teamId,
      title: pageText ? `${v.title} — ${pageText}` : v.title,
      ...noticeData(v.notice),
      emptyText: t('workPlan.list.empty'),
      openText: t('workPlan.list.open'),
      filter: v.filter,
      page,
      hasPrevious: page > 0,
      hasNext: page < pages - 1,
      previousText: t('workPlan.list.previous'),
      nextText: t('workPlan.list.next'),
      items: shown.map((i) => ({
        itemId: i.number,
        ref: refOf(i.number),
        title: i.title,
        meta: t('workPlan.list.meta', {
          status: t(`workPlan.status.${i.status}`),
          progress: i.progress,
          due: i.due ? t('workPlan.list.dueOn', { date: i.due }) : t('workPlan.list.noDue'),
          owner: ownerText(t, i, v.names),
        }),
        metaColor: i.due && i.due < v.today && i.status !== 'done' && i.status !== 'dropped' ? 'Attention' : 'Default',
      })),
    },
    t,
  );
}
