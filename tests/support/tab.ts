import type { Browser, Page } from 'playwright-core';
import { TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { expectContract } from './tab-contract';

export type Who = keyof typeof USERS;

/** The development identity (`tenant:object id`) of a fixture user, as the tab's banner takes it. */
export const devIdentity = (who: Who): string => `${TENANT_ID}:${USERS[who].aadObjectId}`;

/**
 * Calls the tab API as a fixture user in local development mode (the dev identity header) for
 * the fixture team. A string body is sent as it is (to send what is not JSON). Every
 * successful answer must match its route's contract (bot/src/features/<feature>/routes/*.contract.ts).
 */
export function tabApi(baseUrl: () => string) {
  return async <T = Record<string, unknown>>(who: Who, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: T }> => {
    const res = await fetch(`${baseUrl()}/api/tab/${path}`, {
      method,
      headers: { 'x-quorum-dev-user': devIdentity(who), 'x-quorum-team': TEAM.id, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const json: unknown = await res.json();
    if (res.ok) expectContract(method, path, json);
    return { status: res.status, json: json as T };
  };
}

export interface PageOptions {
  width: number;
  height: number;
  theme?: string;
  acceptDownloads?: boolean;
}

/** A new page whose tab will act as `identity` (a dev identity) in the given theme ('' = the browser's). */
export async function signedInPage(browser: Browser, identity: string, opts: PageOptions): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: opts.width, height: opts.height }, ...(opts.acceptDownloads ? { acceptDownloads: true } : {}) });
  await page.addInitScript(
    ([user, theme]) => {
      localStorage.setItem('quorum.devUser', user!);
      if (theme) localStorage.setItem('quorum.theme', theme);
    },
    [identity, opts.theme ?? ''],
  );
  return page;
}
