import { forEachAction, type AdaptiveCard } from './render';

/**
 * A card's buttons carry the language the card was written in, so a click answers in it: a
 * French card in an English client (`aide` typed there) keeps answering in French. Added
 * after expansion, like the request key: data, never template text. The card-action handler
 * takes it off before a verb's strict payload schema sees the data.
 */
const CARD_LANGUAGE_FIELD = 'lang';

type Node = Record<string, unknown>;

export function withCardLanguage(card: AdaptiveCard, language: string | undefined): AdaptiveCard {
  if (!language) return card;
  return forEachAction(card, (n) => {
    if (n.type === 'Action.Execute') n.data = { ...((n.data as Node | undefined) ?? {}), [CARD_LANGUAGE_FIELD]: language };
  });
}

/**
 * The language a click's data names, and the data without it. A `lang` that is there but is
 * not a language Quorum speaks is forged input: `invalid`, for the handler to refuse.
 */
export function takeCardLanguage<L extends string>(data: Record<string, unknown>, languages: readonly L[]): { language?: L; data: Record<string, unknown>; invalid?: true } {
  if (!(CARD_LANGUAGE_FIELD in data)) return { data };
  const { [CARD_LANGUAGE_FIELD]: lang, ...rest } = data;
  return typeof lang === 'string' && (languages as readonly string[]).includes(lang) ? { language: lang as L, data: rest } : { data: rest, invalid: true };
}
