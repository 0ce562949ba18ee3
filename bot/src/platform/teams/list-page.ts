import { createHash, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import { QuorumError } from '../../kernel/errors';
import type { GroupRef } from '../../kernel/identity';

/**
 * Paging for the tab API's lists: `limit` (default 50, at most 100) and `pageToken`, the
 * continuation a previous page returned as `nextPageToken`. One request never returns more
 * than the maximum, so a member reads a large group a page at a time (and the caller's
 * request budget, platform/http/tab-api/caller-budget.ts, bounds how fast).
 *
 * A token is the position after the last row returned (its sort key, not an offset: a row
 * added or removed meanwhile neither repeats nor skips another) and a binding: SHA-256 of
 * the tenant, team, route, the other query values and that position. A token edited, or
 * taken from another team, route or filter, does not match and is refused (400). The
 * binding is a checksum, not a secret (there is no key shared by every instance): a
 * hand-made token can only position a list the caller may read anyway, in their own team.
 */
export const LIST_LIMITS = { defaultLimit: 50, maxLimit: 100 } as const;

export interface PageRequest<C> {
  limit: number;
  after?: C;
  /** The query without `limit` and `pageToken`, for the route's own strict schema. */
  filter: Record<string, string>;
  binding: string;
}

export interface Page<T> {
  items: T[];
  nextPageToken: string | null;
}

const TOKEN = /^([A-Za-z0-9_-]{1,2048})\.([A-Za-z0-9_-]{22})$/;

export function pageRequest<C>(route: string, group: GroupRef, query: Readonly<Record<string, string>>, cursor: z.ZodType<C>): PageRequest<C> {
  const { limit: rawLimit, pageToken, ...filter } = query;
  let limit: number = LIST_LIMITS.defaultLimit;
  if (rawLimit !== undefined) {
    if (!/^\d{1,4}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > LIST_LIMITS.maxLimit) throw refused('limit');
    limit = Number(rawLimit);
  }
  const binding = [group.tenantId, group.teamId, route, JSON.stringify(Object.entries(filter).sort(([a], [b]) => (a < b ? -1 : 1)))].join('\n');
  const req: PageRequest<C> = { limit, filter, binding };
  if (pageToken !== undefined) req.after = readToken(pageToken, binding, cursor);
  return req;
}

/**
 * The page after the request's position in `sorted` (sorted by the order `compare` gives,
 * the one the cursor was taken in), and the token of the page after it.
 */
export function takePage<T, C>(sorted: readonly T[], req: PageRequest<C>, compare: (row: T, cursor: C) => number, cursorOf: (row: T) => C): Page<T> {
  const start = req.after === undefined ? 0 : firstAfter(sorted, (row) => compare(row, req.after as C) > 0);
  const items = sorted.slice(start, start + req.limit);
  const more = start + req.limit < sorted.length && items.length > 0;
  return { items, nextPageToken: more ? writeToken(cursorOf(items[items.length - 1]!), req.binding) : null };
}

function firstAfter<T>(sorted: readonly T[], isAfter: (row: T) => boolean): number {
  const i = sorted.findIndex(isAfter);
  return i === -1 ? sorted.length : i;
}

function mac(payload: string, binding: string): string {
  return createHash('sha256').update(binding).update('\n').update(payload).digest('base64url').slice(0, 22);
}

function writeToken(cursor: unknown, binding: string): string {
  const payload = Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
  return `${payload}.${mac(payload, binding)}`;
}

function readToken<C>(token: string, binding: string, cursor: z.ZodType<C>): C {
  const m = TOKEN.exec(token);
  if (!m) throw refused('pageToken');
  const [, payload, given] = m as unknown as [string, string, string];
  if (!timingSafeEqual(Buffer.from(given), Buffer.from(mac(payload, binding)))) throw refused('pageToken');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw refused('pageToken');
  }
  const parsed = cursor.safeParse(value);
  if (!parsed.success) throw refused('pageToken');
  return parsed.data;
}

function refused(field: string): QuorumError {
  return new QuorumError('validation', 'bad paging parameter', { detail: field });
}
