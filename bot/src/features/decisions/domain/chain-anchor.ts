/**
 * A chain head someone kept outside storage: "record #seq had hash H". Every decision card
 * posted in the channel shows one (short form, full hash in its details), a co-chair can
 * download all of them as a checkpoint, and `decisions:verify --expect seq:hash` checks one.
 */
export interface ChainAnchor {
  seq: number;
  /** Lower-case hex: the full 64 digits or a prefix of at least SHORT_HASH_LENGTH. */
  hash: string;
}

/** 64 bits: a forged record whose hash starts the same costs about 2^64 hashes. */
export const SHORT_HASH_LENGTH = 16;

export function shortHash(hash: string): string {
  return hash.slice(0, SHORT_HASH_LENGTH);
}

/** `12:3fa4…` as typed on a command line; undefined when it is not one. */
export function parseAnchor(text: string): ChainAnchor | undefined {
  const m = /^(\d{1,10}):([0-9a-fA-F]+)$/.exec(text.trim());
  if (!m) return undefined;
  const seq = Number(m[1]);
  const hash = m[2]!.toLowerCase();
  if (seq < 1 || hash.length < SHORT_HASH_LENGTH || hash.length > 64) return undefined;
  return { seq, hash };
}
