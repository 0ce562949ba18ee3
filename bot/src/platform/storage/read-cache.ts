import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Reads of rows that rarely change (a group, a member and their role, the caller's groups, a
 * conversation, a group's settings), kept at two levels — see docs/caching.md:
 *
 * - for the length of one turn or tab request (`withTurnReads`): the same row read twice in a
 *   turn is one round trip;
 * - for this instance, at most `ttlMs`: a row changed by another instance may be seen as it
 *   was for that long. A write made here forgets the row first and again once it is answered
 *   (whatever the answer: a refused ETag means someone else changed it), and a read that was
 *   in flight while the row was forgotten does not put its answer back.
 *
 * Callers get copies: a value changed by one caller is never what the next one reads.
 */
export class ReadCache {
  private readonly entries = new Map<string, { at: number; value: unknown }>();
  /** When each key was last forgotten (a counter, not a time): reads started before do not store. */
  private readonly forgotten = new Map<string, number>();
  private epoch = 0;
  /** Reads started before this epoch never store (set when `forgotten` is emptied to bound it). */
  private floor = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = () => performance.now(),
    private readonly maxEntries = 10_000,
  ) {}

  async read<T>(key: string, load: () => Promise<T>): Promise<T> {
    const turn = turnReads.getStore();
    const inTurn = turn?.get(key);
    if (inTurn) return structuredClone(await (inTurn as Promise<T>));
    const hit = this.ttlMs > 0 ? this.entries.get(key) : undefined;
    if (hit && this.now() - hit.at < this.ttlMs) return structuredClone(hit.value as T);
    const started = this.epoch;
    const at = this.now();
    const loading = load();
    if (turn) {
      turn.set(key, loading);
      loading.catch(() => turn.delete(key));
    }
    const value = await loading;
    if (this.ttlMs > 0 && started >= this.floor && (this.forgotten.get(key) ?? -1) < started) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, { at, value });
    }
    return structuredClone(value);
  }

  /** Forgets rows (exact keys) at both levels. */
  forget(...keys: string[]): void {
    this.epoch++;
    if (this.forgotten.size >= this.maxEntries) {
      this.forgotten.clear();
      this.floor = this.epoch;
    }
    const turn = turnReads.getStore();
    for (const key of keys) {
      this.entries.delete(key);
      this.forgotten.set(key, this.epoch);
      turn?.delete(key);
    }
  }

  /** A write: the rows are forgotten before it and again once it is answered, refused or not. */
  async writing<T>(keys: string[], write: () => Promise<T>): Promise<T> {
    this.forget(...keys);
    try {
      return await write();
    } finally {
      this.forget(...keys);
    }
  }
}

const turnReads = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

/** Runs a turn (or a tab request): within it, each row is read from storage at most once unless written. */
export function withTurnReads<T>(run: () => Promise<T>): Promise<T> {
  return turnReads.run(new Map(), run);
}
