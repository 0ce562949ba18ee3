import { RestError } from '@azure/data-tables';
import { QuorumError } from '../../kernel/errors';

/** The HTTP status of a storage failure (undefined when storage did not answer at all). */
export function statusOf(err: unknown): number | undefined {
  return err instanceof RestError ? err.statusCode : undefined;
}

/** Storage failures become domain codes so callers never see an SDK error or its request dump. */
export function toDomainError(err: unknown): unknown {
  if (err instanceof QuorumError) return err;
  const status = statusOf(err);
  if (status === 412) return new QuorumError('concurrent-update', 'entity changed since it was read');
  if (status === 409) return new QuorumError('conflict', 'entity already exists');
  if (status === undefined || status >= 500 || status === 408) {
    return new QuorumError('storage-unavailable', 'storage did not answer');
  }
  return err;
}

export async function guard<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw toDomainError(err);
  }
}

export function isNotFound(err: unknown): boolean {
  return statusOf(err) === 404;
}

/** Point read that answers undefined for a missing entity. */
export async function getOrUndefined<T>(op: () => Promise<T>): Promise<T | undefined> {
  try {
    return await op();
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw toDomainError(err);
  }
}
