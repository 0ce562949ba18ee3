import { QuorumError } from './errors';

/**
 * Read-modify-write under optimistic concurrency: when another writer got in first (stale
 * ETag), read again and re-apply the change; after a few tries report the conflict rather
 * than overwrite someone else's edit.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, tries = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      const retriable = err instanceof QuorumError && err.code === 'concurrent-update';
      if (!retriable || i >= tries) throw err;
    }
  }
}
