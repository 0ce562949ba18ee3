/** What a failed send means for the next step. */
export type SendFailure = { kind: 'gone'; status: number } | { kind: 'retry'; status: number | undefined; retryAfterMs?: number } | { kind: 'fatal'; status: number | undefined; code: string };

/**
 * 403/404: the bot was removed or the conversation no longer exists. 412 (Teams' "try
 * again"), 429 and 5xx and network errors are transient. Anything else (400, 413) will not
 * get better by retrying.
 */
export function classify(err: unknown): SendFailure {
  const status = statusOf(err);
  if (status === 403 || status === 404) return { kind: 'gone', status };
  if (status === undefined || status === 412 || status === 429 || status >= 500) {
    const retryAfterMs = retryAfterOf(err);
    return retryAfterMs === undefined ? { kind: 'retry', status } : { kind: 'retry', status, retryAfterMs };
  }
  return { kind: 'fatal', status, code: `http-${status}` };
}

/** botbuilder's connector throws core-rest-pipeline RestErrors; read them by shape, not class. */
function statusOf(err: unknown): number | undefined {
  const s = (err as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof s === 'number' ? s : undefined;
}

function retryAfterOf(err: unknown): number | undefined {
  const headers = (err as { response?: { headers?: { get?(name: string): string | undefined } } } | undefined)?.response?.headers;
  const value = headers?.get?.('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  random?: () => number;
}

/** Exponential backoff with full jitter: instances that failed together do not retry together. */
export function backoffMs(attempt: number, opts: BackoffOptions): number {
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** (attempt - 1));
  return Math.round((opts.random ?? Math.random)() * ceiling);
}
