/** The six official languages of the United Nations. */
export const LANGUAGES = ['en', 'fr', 'es', 'ar', 'ru', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language named in itself: how a choice of language is offered, whatever language the chooser reads. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { ar: 'العربية', en: 'English', es: 'Español', fr: 'Français', ru: 'Русский', zh: '中文' };

/** Choices are offered in this order everywhere (the UN's alphabetical order of the languages' English names). */
export const LANGUAGE_CHOICES: readonly Language[] = ['ar', 'en', 'es', 'fr', 'ru', 'zh'];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** What the group's channel reads: English for a group whose co-chairs never chose (as before groups had a language). */
export function groupLanguage(group: { language?: Language | undefined }): Language {
  return group.language ?? 'en';
}
