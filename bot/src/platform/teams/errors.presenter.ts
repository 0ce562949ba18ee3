import { randomBytes } from 'node:crypto';
import { isQuorumError, type QuorumError } from '../../kernel/errors';
import type { Translate } from '../i18n/i18n';
import type { Logger } from '../logging/logger';

export interface PresentedError {
  text: string;
  /** A short id the user can quote; the log line carries the same id. */
  ref: string;
  expected: boolean;
}

/**
 * The one place an error becomes words for a user. Expected domain errors get their
 * catalogued message; anything else gets a generic message with a reference id, and the
 * detail goes to the log only.
 */
export function presentError(err: unknown, t: Translate, log: Logger, where: string): PresentedError {
  const ref = randomBytes(4).toString('hex');
  if (isQuorumError(err) && err.code === 'too-large') {
    // Every list and text is summarised to fit: a card that still does not is a fault to fix, logged as one.
    log.error({ ref, code: err.code, where, detail: err.message }, 'message too large to send');
    return { text: catalogMessage(err, t, ref), ref, expected: false };
  }
  if (isQuorumError(err) && err.code !== 'internal') {
    const expected = err.code !== 'storage-unavailable';
    log[expected ? 'info' : 'warn']({ ref, code: err.code, where }, 'request refused');
    return { text: catalogMessage(err, t), ref, expected };
  }
  log.error({ ref, err, where }, 'turn failed');
  return { text: t('errors.internal', { ref }), ref, expected: false };
}

/**
 * The catalogued words for a domain error. A reason names a more specific message than the
 * code's general one: a core reason, or a full key in a feature's own catalog
 * ("decisions.errors.emptyTitle"). `what` names a kind of thing and is translated too.
 */
export function catalogMessage(err: QuorumError, t: Translate, ref = ''): string {
  const reason = err.params.reason === undefined ? undefined : String(err.params.reason);
  const key = reason === undefined ? `errors.${err.code}` : reason.includes('.') ? reason : `errors.reasons.${reason}`;
  const what = err.params.what ? t(`things.${err.params.what}`) : '';
  // `ref` is the reference of a failure (too-large); a domain error's own `ref` (an item's A-12) is left alone.
  return t(key, { ...err.params, detail: String(err.params.detail ?? ''), what, ...(ref ? { ref } : {}) });
}
