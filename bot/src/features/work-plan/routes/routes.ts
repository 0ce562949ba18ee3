import { groupLanguage, isLanguage, type Language } from '../../../kernel/languages';
import { idempotencyKey } from '../../../platform/teams/idempotency-key';
import { z } from 'zod';
import type { Group } from '../../../kernel/group';
import { QuorumError } from '../../../kernel/errors';
import { ITEM_STATUSES, parseRef, PRIORITIES, refOf, type ActionItem, type HistoryEntry } from '../domain/action-item';
import { changeItem, createItem, getItem, itemHistory } from '../domain/action-items.use-case';
import { invalid } from '../domain/item-errors';
import { compareItems, filterItems, sortItems, type ItemFilter, type ItemSortKey } from '../domain/item-query';
import { localDate } from '../../../kernel/local-time';
import { readSettings, saveSettings, type SettingsPrecondition } from '../domain/settings.use-case';
import type { WorkPlanSettings } from '../domain/work-plan-settings';
import type { ApiRequest, ApiRoute, ApiScope } from '../../../platform/teams/feature';
import { pageRequest, takePage } from '../../../platform/teams/list-page';
import { parsePayload } from '../../../platform/cards/payload';
import {
  createItemBody,
  itemsQuery,
  patchItemBody,
  settingsBody,
  type Item,
  type ItemsResponse,
  type ItemWithEtag,
  type ReminderSettings,
  type SavedSettings,
  type SettingsResponse,
} from './work-plan.contract';
import { toCsv } from './items-csv';
import { memberNames } from '../chat/item-views';
import type { WorkPlanContext } from '../work-plan-context';

export function itemJson(i: ActionItem, names: ReadonlyMap<string, string>): Item {
  return {
    ref: refOf(i.number),
    number: i.number,
    title: i.title,
    description: i.description,
    owner: i.ownerId ? { aadObjectId: i.ownerId, name: names.get(i.ownerId) ?? '' } : null,
    organisation: i.organisation ?? null,
    priority: i.priority,
    status: i.status,
    progress: i.progress,
    due: i.due ?? null,
    area: i.area ?? null,
    sessionId: i.sessionId ?? null,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    doneAt: i.doneAt ?? null,
  };
}

function refParam(req: ApiRequest): number {
  const n = parseRef(req.params.ref ?? '');
  if (n === undefined) throw invalid('badRef');
  return n;
}

/** The ETag the client read, from If-Match (or the body, for clients that cannot set headers). */
function ifMatch(req: ApiRequest, bodyEtag: string | undefined): string | undefined {
  return req.headers?.['if-match'] ?? bodyEtag;
}

/**
 * If-Match (the ETag read) or If-None-Match: * (nothing was stored when read). Without
 * either, the write re-reads and applies on top (older clients; the tab always sends one).
 */
function settingsPrecondition(req: ApiRequest, bodyEtag: string | undefined): SettingsPrecondition {
  const match = ifMatch(req, bodyEtag);
  if (match !== undefined) return match;
  return req.headers?.['if-none-match']?.trim() === '*' ? null : undefined;
}

function settingsJson(s: WorkPlanSettings, language: Language): ReminderSettings {
  const { tenantId: _t, teamId: _g, digestJobKey: _k, lastDigestAt: _l, ...rest } = s;
  return { ...rest, language };
}

/** Where a page of items ended: the last item's sort fields (see list-page.ts). */
const itemCursor = z.strictObject({
  number: z.number().int().min(1).max(1_000_000),
  due: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  priority: z.enum(PRIORITIES),
  updatedAt: z.string().max(40),
  status: z.enum(ITEM_STATUSES),
});

function cursorOf(i: ActionItem): ItemSortKey {
  return { number: i.number, ...(i.due ? { due: i.due } : {}), priority: i.priority, updatedAt: i.updatedAt, status: i.status };
}

async function filtered(w: WorkPlanContext, scope: ApiScope, query: Readonly<Record<string, string>>) {
  const q = parsePayload(itemsQuery, query);
  const { value: settings } = await readSettings(w, scope.group);
  const f: ItemFilter = {};
  if (q.status) f.status = q.status;
  if (q.open === 'true') f.open = true;
  if (q.overdue === 'true') f.overdueOn = localDate(w.clock.now(), settings.timeZone);
  if (q.org) f.organisation = q.org;
  if (q.owner) f.ownerId = q.owner;
  if (q.priority) f.priority = q.priority;
  if (q.area) f.area = q.area;
  if (q.dueFrom) f.dueFrom = q.dueFrom;
  if (q.dueTo) f.dueTo = q.dueTo;
  const [all, names] = await Promise.all([w.items.listVersioned(scope.group), memberNames(w, scope.group)]);
  const etags = new Map(all.map((v) => [v.value.number, v.etag]));
  const order = { sort: q.sort ?? 'due', descending: q.order === 'desc' } as const;
  return {
    items: sortItems(
      filterItems(
        all.map((v) => v.value),
        f,
      ),
      order.sort,
      order.descending,
    ),
    names,
    etags,
    order,
  };
}

async function oneItem(w: WorkPlanContext, scope: ApiScope, group: Group, number: number, extra: { history?: HistoryEntry[] } = {}) {
  const { value, etag } = await getItem(w, scope.caller, group, number);
  const names = await memberNames(w, group);
  return { status: 200, json: { item: itemJson(value, names), etag, ...(extra.history ? { history: extra.history } : {}) } satisfies ItemWithEtag };
}

/** The tab's work-plan API (under /api/tab/). */
export function workPlanRoutes(w: WorkPlanContext): ApiRoute[] {
  return [
    {
      method: 'get',
      path: 'items',
      audience: 'member',
      list: true,
      handle: async (scope, req) => {
        const paging = pageRequest('items', scope.group, req.query, itemCursor);
        const [{ items, names, etags, order }, orgs] = await Promise.all([filtered(w, scope, paging.filter), w.settings.memberOrganisations(scope.group)]);
        const compare = compareItems(order.sort, order.descending);
        const page = takePage(items, paging, compare, cursorOf);
        // Each item's ETag (edits go straight to PATCH with If-Match) and the caller's own
        // organisation (for "my organisation" filtering), both from storage, never the request.
        return {
          json: {
            items: page.items.map((i) => ({ ...itemJson(i, names), etag: etags.get(i.number) ?? '' })),
            me: { organisation: orgs.get(scope.caller.aadObjectId.toLowerCase()) ?? null },
            nextPageToken: page.nextPageToken,
          } satisfies ItemsResponse,
        };
      },
    },
    {
      method: 'get',
      path: 'items.csv',
      audience: 'member',
      list: true,
      handle: async (scope, req) => {
        const { items, names } = await filtered(w, scope, req.query);
        return { body: toCsv(items, names), contentType: 'text/csv; charset=utf-8', filename: 'action-items.csv' };
      },
    },
    {
      method: 'post',
      path: 'items',
      audience: 'member',
      handle: async (scope, req) => {
        const b = parsePayload(createItemBody, req.body);
        const created = await createItem(
          w,
          scope.caller,
          scope.group,
          {
            title: b.title,
            ...(b.description !== undefined ? { description: b.description } : {}),
            ...(b.ownerId ? { ownerId: b.ownerId } : {}),
            ...(b.organisation ? { organisation: b.organisation } : {}),
            ...(b.priority ? { priority: b.priority } : {}),
            ...(b.due ? { due: b.due } : {}),
            ...(b.area ? { area: b.area } : {}),
            ...(b.progress !== undefined ? { progress: b.progress } : {}),
            ...(b.sessionId ? { sessionId: b.sessionId } : {}),
          },
          idempotencyKey(req),
        );
        return { ...(await oneItem(w, scope, scope.group, created.value.number)), status: 201 };
      },
    },
    {
      method: 'get',
      path: 'items/:ref',
      audience: 'member',
      handle: async (scope, req) => {
        const number = refParam(req);
        return oneItem(w, scope, scope.group, number, { history: await itemHistory(w, scope.caller, scope.group, number) });
      },
    },
    {
      method: 'patch',
      path: 'items/:ref',
      audience: 'member',
      handle: async (scope, req) => {
        const number = refParam(req);
        const { etag, ...fields } = parsePayload(patchItemBody, req.body);
        const expected = ifMatch(req, etag);
        if (!expected) throw new QuorumError('validation', 'If-Match required', { detail: 'If-Match' });
        await changeItem(w, scope.caller, scope.group, number, fields, expected);
        return oneItem(w, scope, scope.group, number);
      },
    },
    {
      method: 'get',
      path: 'settings',
      audience: 'co-chair',
      handle: async (scope) => {
        await w.roles.assertCoChair(scope.caller, scope.group);
        const { value, etag } = await readSettings(w, scope.group);
        const orgs = await w.settings.memberOrganisations(scope.group);
        // etag null: nothing stored yet (the defaults); a first save sends If-None-Match: *.
        return { json: { settings: settingsJson(value, groupLanguage(scope.group)), etag: etag ?? null, memberOrganisations: Object.fromEntries(orgs) } satisfies SettingsResponse };
      },
    },
    {
      method: 'put',
      path: 'settings',
      audience: 'co-chair',
      handle: async (scope, req) => {
        const { etag: bodyEtag, ...input } = parsePayload(settingsBody, req.body);
        const saved = await saveSettings(w, scope.caller, scope.group, input, settingsPrecondition(req, bodyEtag));
        // saveSettings refused a language that is not one of the six: one given here was stored.
        const language = isLanguage(input.language) ? input.language : groupLanguage(scope.group);
        return { json: { settings: settingsJson(saved.value, language), etag: saved.etag } satisfies SavedSettings };
      },
    },
  ];
}
