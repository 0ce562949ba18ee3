import type { ApiRequest } from './feature';

/**
 * The tab sends one key per create the user asked for (the same key again when it retries):
 * the `Idempotency-Key` header of the IETF draft of that name. A client that sends none gets
 * no deduplication, as before.
 */
export function idempotencyKey(req: ApiRequest): string | undefined {
  const key = req.headers?.['idempotency-key'];
  return key === undefined || key === '' ? undefined : key;
}
