import type { Language } from './i18n';

/**
 * The keywords a chat command takes after its words (`items overdue`, `poll settings members
 * on`), each with its spellings per language, from the feature's `locales/arguments.json`:
 * the same words its usage line shows in that language (a test holds the two together).
 */
export type ArgumentWords<K extends string = string> = Readonly<Record<K, { readonly en: readonly string[] } & { readonly [L in Language]?: readonly string[] }>>;

const folded = (word: string) => word.normalize('NFC').toLowerCase();

/**
 * The spellings of one keyword in English (which always works) and in `language`, the
 * language of the command words typed; every language's when none is given. Keeping to the
 * command's language keeps a word of one language from taking a title's last word in another
 * (Spanish `media` ends "Update social media").
 */
export function spellingsOf<K extends string>(words: ArgumentWords<K>, key: K, language?: Language): string[] {
  const byLang = words[key];
  return language ? [...byLang.en, ...(language === 'en' ? [] : (byLang[language] ?? []))] : Object.values<readonly string[] | undefined>(byLang).flatMap((list) => [...(list ?? [])]);
}

/** Which keyword `typed` is (see spellingsOf for the languages looked at), whatever its case; undefined when none. */
export function argumentNamed<K extends string>(words: ArgumentWords<K>, typed: string, language?: Language): K | undefined {
  const word = folded(typed.trim());
  if (!word) return undefined;
  return (Object.keys(words) as K[]).find((k) => spellingsOf(words, k, language).some((w) => folded(w) === word));
}
