import type { GroupRef } from './identity';

/**
 * A person whose data is exported or erased: tenant + Entra object id (lower case), and the
 * groups (teams of that tenant) to look in.
 */
export interface PersonRef {
  readonly tenantId: string;
  readonly aadObjectId: string;
  readonly groups: readonly GroupRef[];
}

/** What one feature holds about a person: category → the records, as stored (JSON-safe). */
export interface PersonExport {
  readonly [category: string]: readonly unknown[];
}

/** What one feature did on erasure: category → how many records were removed or de-identified. */
export interface PersonErasure {
  readonly counts: Readonly<Record<string, number>>;
  /** Things the operator should know (e.g. data Quorum keeps on purpose, and why). */
  readonly notes?: readonly string[];
}

/**
 * Stands in for an erased person where a record must keep saying "someone did this" (the
 * creator of an item, the previous owner in an item's history): never a real object id.
 */
export const FORMER_MEMBER = 'former-member';

/** Stands in, in an export, for anyone other than the person (an export names no one else). */
export const ANOTHER_PERSON = 'another-person';

/** Lower-case Entra object id (a GUID), or undefined. */
export function parseObjectId(text: string | undefined): string | undefined {
  const s = (text ?? '').trim().toLowerCase();
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s) ? s : undefined;
}

/**
 * One storage's rows about a person, as its repository exports and erases them (the feature
 * adds what an operator should be told). Erasure answers category → rows changed.
 */
export interface PersonRows {
  exportPerson(person: PersonRef): Promise<PersonExport>;
  erasePerson(person: PersonRef): Promise<Record<string, number>>;
}
