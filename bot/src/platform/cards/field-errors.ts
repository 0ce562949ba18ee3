/** A refusal to show on a form: beside the field it concerns when there is one, else at the top. */
export interface FormError {
  text: string;
  /** The input's id on the card. */
  field?: string;
}

/**
 * Every field of the form gets a slot ('' when it has no error) so templates can test
 * `${errors.x != ''}`; an error whose field is not on the form goes to the top notice.
 */
export function errorSlots<K extends string>(fields: readonly K[], error: FormError | undefined): { errors: Record<K, string>; notice: string } {
  const errors = Object.fromEntries(fields.map((f) => [f, ''])) as Record<K, string>;
  if (error?.field && (fields as readonly string[]).includes(error.field)) {
    errors[error.field as K] = error.text;
    return { errors, notice: '' };
  }
  return { errors, notice: error?.text ?? '' };
}

/**
 * Input.Number takes a number or nothing: an empty string is drawn as 0 by some renderers,
 * which then fails the input's own checks and keeps the form from being sent.
 */
export function numberOrNothing(value: string | number | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
