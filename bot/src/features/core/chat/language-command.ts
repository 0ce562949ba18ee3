import { LANGUAGE_CHOICES, LANGUAGE_NAMES, isLanguage, type Language } from '../../../kernel/languages';
import { QuorumError } from '../../../kernel/errors';
import { personalLanguage, setPersonalLanguage } from '../../../kernel/personal-language';
import { languageOf, translator, type Translate } from '../../../platform/i18n/i18n';
import type { ChatCommand, TurnScope } from '../../../platform/teams/feature';
import WORDS from '../locales/commands.json';

/**
 * `language` shows the language the caller is answered in and the choices; `language fr`
 * (or `language Français`) chooses theirs. It is the caller's own: it changes what they
 * read in personal chat, never the group's channel (co-chairs choose that in Settings).
 */
export const languageCommand: ChatCommand = {
  id: 'language',
  words: WORDS.language,
  usageKey: 'help.usage.language',
  descriptionKey: 'help.commands.language',
  audience: 'everyone',
  run: async (s, args) => {
    const wanted = args.trim();
    if (!wanted) return s.sendText(await current(s));
    const language = parseLanguage(wanted);
    if (!language) return s.sendText(s.t('language.invalid', { value: wanted.slice(0, 40), choices: choices(s.t) }));
    if ((await setPersonalLanguage(s.deps.repos, s.caller, language)) === 0) throw new QuorumError('group-unknown', 'caller belongs to no group');
    // Said in the language just chosen: the first thing read in it is the confirmation.
    await s.sendText(translator(s.deps.i18n, language)('language.set', { language: LANGUAGE_NAMES[language] }));
  },
};

/** A code (`fr`) or the language's own name (`Français`), in any case. */
function parseLanguage(text: string): Language | undefined {
  const v = text.toLowerCase();
  if (isLanguage(v)) return v;
  return LANGUAGE_CHOICES.find((l) => LANGUAGE_NAMES[l].toLowerCase() === v);
}

async function current(s: TurnScope): Promise<string> {
  const chosen = await personalLanguage(s.deps.repos, s.caller);
  const now = chosen ?? languageOf(s.id.locale);
  return [s.t(chosen ? 'language.currentChosen' : 'language.current', { language: LANGUAGE_NAMES[now] }), s.t('language.choices', { choices: choices(s.t) })].join('\n\n');
}

/** Each choice as its code and its own name, listed by the reader's language's rules ("…, ru (Русский) or zh (中文)"). */
function choices(t: Translate): string {
  return new Intl.ListFormat(t.language ?? 'en', { type: 'disjunction' }).format(LANGUAGE_CHOICES.map((l) => `${l} (${LANGUAGE_NAMES[l]})`));
}
