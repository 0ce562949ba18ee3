import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export type CanonicalValue = string | number | boolean | null | readonly CanonicalValue[] | { readonly [key: string]: CanonicalValue | undefined };

/**
 * RFC 8785 (JSON Canonicalization Scheme), by the `canonicalize` package (2.x: the CommonJS
 * line of the same library; 4.x+ is ESM-only and cannot load in this CommonJS service).
 * Decision content is kept to values whose canonical form is unambiguous: no floats, no
 * unsafe integers, no lone surrogates — those are refused before hashing.
 */
export function canonicalJson(value: CanonicalValue): string {
  assertHashable(value);
  const out = canonicalize(value);
  if (out === undefined) throw new Error('nothing to canonicalize');
  return out;
}

function assertHashable(value: CanonicalValue | undefined): void {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new Error('only safe integers are hashed');
  if (typeof value === 'string' && hasLoneSurrogate(value)) throw new Error('lone surrogate in hashed text');
  if (Array.isArray(value)) value.forEach((v: CanonicalValue) => assertHashable(v));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (hasLoneSurrogate(k)) throw new Error('lone surrogate in hashed key');
      assertHashable(v);
    }
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function hasLoneSurrogate(s: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}
