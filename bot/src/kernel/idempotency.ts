import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { QuorumError } from './errors';
import type { Caller, GroupRef } from './identity';

/**
 * A create that may arrive twice (a double click, Teams redelivering a message, a client
 * retrying after a timeout) carries a key chosen before the first attempt: minted into the
 * form's card data, the activity id of a typed command, or the tab's Idempotency-Key header.
 * Storage keeps the key beside what it created, in the same write, and a repeat is answered
 * with that first result.
 */
export interface RequestKey {
  /**
   * The key as stored: group, caller, kind and the client's key hashed together, so one
   * person can never name (and so read back) what another person's key created, and the
   * row holds no personal data.
   */
  readonly id: string;
  /** What was asked: the same key sent with another request is refused, not answered with the first result. */
  readonly fingerprint: string;
}

export type RequestKind = 'item' | 'decision' | 'poll' | 'session';

/** Printable ASCII, as an HTTP header carries it; room for a UUID or an activity id, short enough to hash cheaply. */
const CLIENT_KEY = /^[\x21-\x7e]{1,200}$/;

export function isClientKey(key: string | undefined): key is string {
  return key !== undefined && CLIENT_KEY.test(key);
}

export function requestKey(kind: RequestKind, group: GroupRef, caller: Caller, clientKey: string, request: unknown): RequestKey {
  if (!isClientKey(clientKey)) throw new QuorumError('validation', 'malformed idempotency key', { detail: 'Idempotency-Key' });
  const id = sha256([kind, group.tenantId, group.teamId, caller.tenantId, caller.aadObjectId.toLowerCase(), clientKey].join('\n'));
  return { id, fingerprint: sha256(canonicalize(request ?? null) ?? '') };
}

/** The key already created something else: answering with that would hand back an entity the caller did not ask for. */
export function keyReused(reason = 'key-reused'): QuorumError {
  return new QuorumError('conflict', 'idempotency key reused for another request', { reason });
}

/** What a create answers: the entity, and whether it was made now or by an earlier attempt with the same key. */
export type Created<T> = T & { replayed: boolean };

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
