import type { Language } from './i18n';

/**
 * The keywords a chat command takes after its words (`items overdue`, `poll settings members
 * on`), each with its spellings per language, from the feature's `locales/arguments.json`:
 * the same words its usage line shows in that language (a test holds the two together).
 */
export type ArgumentWords<K extends string = string> = Readonly<Record<K, { readonly en: readonly string[] } & { readonly [L in Language]?: readonly string[] }>>;

const folded = (word: string) => word.normalize('NFC').toLowerCase();

/**
 * Which keyword `typed` is, in any language: as with the command words, English always works
 * and a French word typed in a Spanish client is understood too. Undefined when none.
 */
export function argumentNamed<K extends string>(words: ArgumentWords<K>, typed: string): K | undefined {
  const word = folded(typed.trim());
  if (!word) return undefined;
  return (Object.keys(words) as K[]).find((k) => Object.values<readonly string[] | undefined>(words[k]).some((list) => list?.some((w) => folded(w) === word)));
}

/** Every spelling of one keyword, in every language: for a parser that looks for it inside a line. */
export function spellingsOf<K extends string>(words: ArgumentWords<K>, key: K): string[] {
  return Object.values<readonly string[] | undefined>(words[key]).flatMap((list) => [...(list ?? [])]);
}
