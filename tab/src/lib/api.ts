import type { z } from 'zod';
import { checkResponse } from './check-response';
import type { Host } from './host';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The development identity a local, unauthenticated service accepts (kept in this browser). */
export function devUser(): string | undefined {
  return localStorage.getItem('quorum.devUser') ?? undefined;
}

export function setDevUser(value: string): void {
  localStorage.setItem('quorum.devUser', value);
}

/**
 * Calls /api/tab/ as the signed-in user: the Teams SSO token in Teams, the development
 * identity on a local run. The team comes from the Teams context; the server checks it.
 */
export class ApiClient {
  constructor(
    private host: Host,
    private readonly base = '/api/tab/',
  ) {}

  /** GETs started ahead (see prefetch), by URL and identity; each is used once. */
  /** The language the person chose for themselves: the server's messages (errors) follow it too. */
  setLanguage(language: string): void {
    this.host = { ...this.host, locale: language };
  }

  private readonly ahead = new Map<string, { at: number; result: Promise<unknown> }>();

  /** A GET whose answer `schema` (the route's response in its contract) describes. */
  get<T>(path: string, schema: z.ZodType<T>, query: Record<string, string> = {}): Promise<T> {
    const url = withQuery(path, query);
    const key = `${devUser() ?? ''} ${url}`;
    const early = this.ahead.get(key);
    this.ahead.delete(key);
    if (early && Date.now() - early.at < PREFETCH_FRESH_MS) return early.result.then((json) => checked(schema, json, 'GET', url));
    return this.request('GET', url, schema);
  }

  /**
   * Starts a GET the first view will make, while the page is still checking who the caller is:
   * the two requests overlap instead of running one after the other. The view's own get() of
   * the same URL then takes this answer (or, if it came too late, asks again).
   */
  prefetch(path: string, query: Record<string, string> = {}): void {
    const url = withQuery(path, query);
    const result = this.request('GET', url, undefined);
    result.catch(() => undefined); // the view's get() reports any failure
    this.ahead.set(`${devUser() ?? ''} ${url}`, { at: Date.now(), result });
  }

  /**
   * Every page of a list route, in order. The API answers at most PAGE_LIMIT rows a call and
   * a `nextPageToken` for the rest; the views show the whole list, as they always have. The
   * first page goes through get() (so a prefetch of it is used).
   */
  async getPages<P extends { nextPageToken: string | null }>(path: string, schema: z.ZodType<P>, query: Record<string, string> = {}): Promise<P[]> {
    const pages = [await this.get(path, schema, { ...query, limit: PAGE_LIMIT })];
    for (let token = pages[0]!.nextPageToken; token && pages.length < MAX_PAGES; token = pages[pages.length - 1]!.nextPageToken) {
      pages.push(await this.request('GET', withQuery(path, { ...query, limit: PAGE_LIMIT, pageToken: token }), schema));
    }
    return pages;
  }

  send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, schema: z.ZodType<T>, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    return this.request(method, path, schema, body, headers);
  }

  /**
   * A POST that creates something, with the request's Idempotency-Key (see request-key.ts).
   * When the answer is lost (the network failed, a gateway timed out) it is sent once more
   * with the same key: the service answers with what the first one created, if it did.
   */
  async create<T>(path: string, schema: z.ZodType<T>, body: unknown, key: string): Promise<T> {
    const headers = { 'idempotency-key': key };
    try {
      return await this.request('POST', path, schema, body, headers);
    } catch (err) {
      if (!(err instanceof TypeError || (err instanceof ApiError && RETRIED.has(err.status)))) throw err;
      await new Promise((r) => setTimeout(r, RETRY_AFTER_MS));
      return this.request('POST', path, schema, body, headers);
    }
  }

  /** A file download (CSV, report): fetched with the same credentials, saved by the browser. */
  async download(path: string, filename: string): Promise<void> {
    const res = await fetch(this.base + path, { headers: await this.headers() });
    if (!res.ok) throw await toError(res);
    const url = URL.createObjectURL(await res.blob());
    const a = Object.assign(document.createElement('a'), { href: url, download: filename });
    a.click();
    URL.revokeObjectURL(url);
  }

  /** Without a schema (a prefetch) the JSON is checked when a get() takes it. */
  private async request<T>(method: string, path: string, schema: z.ZodType<T> | undefined, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
    const headers = { ...(await this.headers()), ...extra, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const res = await fetch(this.base + path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    if (!res.ok) throw await toError(res);
    const json: unknown = await res.json();
    return schema ? checked(schema, json, method, path) : (json as T);
  }

  private async headers(): Promise<Record<string, string>> {
    const h: Record<string, string> = { 'accept-language': this.host.locale };
    const token = await this.host.getToken();
    if (token) h.authorization = `Bearer ${token}`;
    else if (devUser()) h['x-quorum-dev-user'] = devUser()!;
    if (this.host.teamId) h['x-quorum-team'] = this.host.teamId;
    return h;
  }
}

/** The most rows the API returns per call (its maximum, bot/src/platform/teams/list-page.ts). */
export const PAGE_LIMIT = '100';
/** A guard against a server that keeps answering with a token: 100 pages of 100 rows. */
const MAX_PAGES = 100;

/** Statuses after which a create may or may not have happened (the gateway gave up waiting). */
const RETRIED = new Set([502, 503, 504]);
const RETRY_AFTER_MS = 500;

/** A prefetched answer older than this is not used: the view asks again. */
const PREFETCH_FRESH_MS = 10_000;

/**
 * Development builds check every answer against its contract, so a field renamed on one side
 * shows at once, naming the route and the field. Production builds skip the parse (the type
 * check already holds both sides to the contract; the tab stays fast on large lists).
 */
function checked<T>(schema: z.ZodType<T>, json: unknown, method: string, path: string): T {
  return import.meta.env.DEV ? checkResponse(schema, json, `${method} /api/tab/${path.split('?')[0]}`) : (json as T);
}

function withQuery(path: string, query: Record<string, string>): string {
  const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '')).toString();
  return qs ? `${path}?${qs}` : path;
}

async function toError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    return new ApiError(res.status, body.error?.code ?? 'error', body.error?.message ?? res.statusText);
  } catch {
    return new ApiError(res.status, 'error', res.statusText);
  }
}
