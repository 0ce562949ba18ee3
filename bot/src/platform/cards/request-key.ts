import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { forEachAction, type AdaptiveCard } from './render';

/**
 * A form's request key travels in its submit action's data, set when the form is built
 * (after expansion, so it is data and never template text): a double click sends the same
 * key twice and the second submit is answered with what the first created. A form redrawn
 * after a refusal keeps its key — nothing was created with it, and it is the same intent.
 */
export const REQUEST_KEY_FIELD = 'requestKey';

/** 128 random bits, hex: what the payload schemas below accept. */
export const newRequestKey = (): string => randomBytes(16).toString('hex');

export const requestKeyField = {
  [REQUEST_KEY_FIELD]: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
} as const;

type Node = Record<string, unknown>;

/** Adds the key to the data of the actions that create (by verb; `submit` for a dialog's Action.Submit). */
export function withRequestKey(card: AdaptiveCard, key: string, verbs: readonly string[], submit = false): AdaptiveCard {
  return forEachAction(card, (n) => {
    const creates = (n.type === 'Action.Execute' && typeof n.verb === 'string' && verbs.includes(n.verb)) || (submit && n.type === 'Action.Submit');
    if (creates) n.data = { ...((n.data as Node | undefined) ?? {}), [REQUEST_KEY_FIELD]: key };
  });
}
