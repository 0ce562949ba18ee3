import { actionsOf } from './card-inputs';

/** A card as an answer holds it (an object, or its JSON text); a text answer (an error message) is no card. */
function asCard(answer: unknown): object | undefined {
  if (typeof answer === 'string') return answer.trimStart().startsWith('{') ? (JSON.parse(answer) as object) : undefined;
  return answer && typeof answer === 'object' ? answer : undefined;
}

/**
 * Submitting the decision form answers a confirmation card; only its Record button writes.
 * This is what Teams sends when Record is pressed: the button's data (the card has no
 * inputs). Undefined when the answer is no confirmation (a refusal, the form again).
 */
export function recordButtonData(answer: unknown): Record<string, unknown> | undefined {
  const card = asCard(answer);
  return card && actionsOf(card).find((a) => a.verb === 'decision.confirm')?.data;
}

/** The Edit button's data on the confirmation card. */
export function editButtonData(answer: unknown): Record<string, unknown> | undefined {
  const card = asCard(answer);
  return card && actionsOf(card).find((a) => a.verb === 'decision.edit')?.data;
}

/**
 * A decision recorded from chat as a co-chair does it: the form's submit (`decision.record`),
 * then Record on the confirmation it answers. `press` sends one card action and returns what
 * came back (the body, its JSON text, or the whole response: the button is found anywhere in
 * it); a refusal, which has no Record button, is returned as it is.
 */
export async function submitAndRecord<T>(press: (verb: string, data: Record<string, unknown>) => Promise<T>, fields: Record<string, unknown>): Promise<T> {
  const answer = await press('decision.record', fields);
  const data = recordButtonData(answer);
  return data ? press('decision.confirm', data) : answer;
}
