import { isQuorumError } from '../../kernel/errors';
import type { AdaptiveCard } from './render';

/**
 * What a card that summarises aims for: well under the hard budget (MAX_CARD_CHARS), leaving
 * room for what is added around it (mentions, the isolation marks of a right-to-left card,
 * the activity's envelope) and for texts heavier than the ones measured (quotes and
 * backslashes double in JSON).
 */
export const CARD_TARGET_CHARS = 30_000;

/**
 * Builds a card with the first of `steps` (most shown first) that stays within the target:
 * a list shows its most urgent few and counts the rest, a long text is cut. Each step is one
 * template expansion (about a millisecond). When none is within the target, the smallest
 * that is within the hard budget; when none is even that, the `too-large` refusal of the
 * last attempt goes on to the user, explained.
 */
export function fitCard<S>(steps: readonly S[], build: (step: S) => AdaptiveCard, target = CARD_TARGET_CHARS): AdaptiveCard {
  let smallest: AdaptiveCard | undefined;
  let refusal: unknown;
  for (const step of steps) {
    try {
      const card = build(step);
      if (JSON.stringify(card).length <= target) return card;
      smallest = card;
    } catch (err) {
      if (!isQuorumError(err) || err.code !== 'too-large') throw err;
      refusal = err;
    }
  }
  if (smallest) return smallest;
  throw refusal ?? new Error('fitCard needs at least one step');
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
