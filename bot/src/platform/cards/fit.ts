import { isQuorumError } from '../../kernel/errors';
import type { AdaptiveCard } from './render';

/**
 * Builds a card with the first of `steps` (most shown first) that fits the size budget: a
 * list shows its most urgent few and counts the rest, a long text is cut. Each step is one
 * template expansion (about a millisecond). When even the last step does not fit, the
 * `too-large` refusal of the last attempt goes on to the user, explained.
 */
export function fitCard<S>(steps: readonly S[], build: (step: S) => AdaptiveCard): AdaptiveCard {
  let last: unknown;
  for (const step of steps) {
    try {
      return build(step);
    } catch (err) {
      if (!isQuorumError(err) || err.code !== 'too-large') throw err;
      last = err;
    }
  }
  throw last ?? new Error('fitCard needs at least one step');
}

/**
 * `text` cut to at most `max` characters (code points, so an emoji or an Arabic letter is
 * never split), ending in "…" when cut. The full text stays where the card links to.
 */
export function cutText(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max
    ? `${chars
        .slice(0, Math.max(0, max - 1))
        .join('')
        .trimEnd()}…`
    : text;
}
