import type { FormError } from '../cards/field-errors';
import { isQuorumError } from '../../kernel/errors';
import type { Logger } from '../logging/logger';
import type { Translate } from '../i18n/i18n';
import { presentError } from './errors.presenter';

/**
 * The words for a refused form and the input they concern: a catalogued reason
 * ("polls.errors.badMaxChoices") is looked up, by its last part, in the form's own map.
 */
export function formError(err: unknown, t: Translate, log: Logger, where: string, fields: Readonly<Record<string, string>>): FormError {
  const text = presentError(err, t, log, where).text;
  const reason = isQuorumError(err) && err.params.reason !== undefined ? String(err.params.reason) : '';
  const field = fields[reason.slice(reason.lastIndexOf('.') + 1)];
  return field ? { text, field } : { text };
}
