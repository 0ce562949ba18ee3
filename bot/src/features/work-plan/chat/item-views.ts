import type { AdaptiveCard } from '../../../platform/cards/render';
import { renderItemCard, type ItemCardView } from '../cards/item-card';
import type { Notice } from '../cards/labels';
import { renderItemListCard } from '../cards/item-list-card';
import type { Group } from '../../../kernel/group';
import type { Caller } from '../../../kernel/identity';
import type { ActionItem } from '../domain/action-item';
import { getItem, itemHistory, mayEdit } from '../domain/action-items.use-case';
import { filterItems, sortItems, type ItemFilter } from '../domain/item-query';
import { localDate } from '../../../kernel/local-time';
import { readSettings } from '../domain/settings.use-case';
import type { Translate } from '../../../platform/i18n/i18n';
import type { WorkPlanContext } from '../work-plan-context';

export async function memberNames(w: WorkPlanContext, group: Group): Promise<Map<string, string>> {
  return new Map((await w.repos.members.list(group)).map((m) => [m.aadObjectId.toLowerCase(), m.name]));
}

/** What a card adds to the stored item: a notice, the list it came from, values typed and refused. */
export type ItemCardExtras = Pick<ItemCardView, 'from' | 'typed' | 'error'> & { notice?: Notice };

/** The item as stored now, with what this caller may do with it. */
export async function itemCard(w: WorkPlanContext, t: Translate, caller: Caller, group: Group, number: number, extras: ItemCardExtras = {}): Promise<AdaptiveCard> {
  const [{ value: item }, history, names, role, orgs, settings] = await Promise.all([
    getItem(w, caller, group, number),
    itemHistory(w, caller, group, number),
    memberNames(w, group),
    w.roles.roleOf(caller, group),
    w.settings.memberOrganisations(group),
    readSettings(w, group),
  ]);
  return renderItemCard(t, {
    teamId: group.teamId,
    item,
    history,
    names,
    timeZone: settings.value.timeZone,
    canEdit: mayEdit(role, caller, item, orgs.get(caller.aadObjectId.toLowerCase())),
    isCoChair: role === 'co-chair',
    ...extras,
  });
}

/** `mine`, `all`, `overdue` or `org:<name>`: what `items …` shows. */
export async function listCard(w: WorkPlanContext, t: Translate, caller: Caller, group: Group, filterName: string, page: number): Promise<AdaptiveCard> {
  const org = filterName.startsWith('org:') ? filterName.slice(4) : undefined;
  const mineOnly = filterName !== 'all' && filterName !== 'overdue' && org === undefined;
  const [names, orgs, settings] = await Promise.all([memberNames(w, group), w.settings.memberOrganisations(group), readSettings(w, group)]);
  const today = localDate(w.clock.now(), settings.value.timeZone);
  const myOrg = orgs.get(caller.aadObjectId.toLowerCase());
  // The caller's own list reads their items (and their organisation's) through the index, not the plan.
  const items = (mineOnly ? await w.items.openOf(group, { aadObjectId: caller.aadObjectId, ...(myOrg ? { organisation: myOrg } : {}) }) : undefined) ?? (await w.items.list(group));
  const filter: ItemFilter =
    filterName === 'all'
      ? { open: true }
      : filterName === 'overdue'
        ? { overdueOn: today }
        : org !== undefined
          ? { open: true, organisation: org }
          : { open: true, mine: { aadObjectId: caller.aadObjectId, ...(myOrg ? { organisation: myOrg } : {}) } };
  const title = org !== undefined ? t('workPlan.list.org', { org }) : t(`workPlan.list.${['all', 'overdue'].includes(filterName) ? filterName : 'mine'}`);
  const shown: ActionItem[] = sortItems(filterItems(items, filter));
  return renderItemListCard(t, { teamId: group.teamId, title, filter: filterName, items: shown, page, today, names });
}
