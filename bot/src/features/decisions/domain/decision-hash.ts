import { canonicalJson, sha256Hex, type CanonicalValue } from './canonical-json';
import { CONTENT_FIELDS, type DecisionContent } from './decision';

/**
 * SHA-256 of a record's canonical content (its `prev` link included). Takes what storage
 * holds, typed or not: a tampered row is hashed as it stands and simply fails to match.
 */
export function hashDecisionContent(content: DecisionContent | Readonly<Record<string, unknown>>): string {
  const picked: Record<string, CanonicalValue> = {};
  const source = content as Readonly<Record<string, unknown>>;
  for (const field of CONTENT_FIELDS) {
    const value = source[field];
    if (value !== undefined) picked[field] = asCanonical(value);
  }
  return sha256Hex(canonicalJson(picked));
}

function asCanonical(value: unknown): CanonicalValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(asCanonical);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, asCanonical(v)]));
  }
  throw new Error(`cannot hash a ${typeof value}`);
}
