import i18next, { type i18n } from 'i18next';
import en from './locales/en.json';
import fr from './locales/fr.json';

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * One i18next instance for the process; a translator per turn is a cheap fixed-language view.
 * Interpolated values are not HTML-escaped: messages go into card data, never into HTML, and
 * user text is never interpolated into a message that is rendered as markdown.
 */
export function createI18n(): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources: { en: { translation: en }, fr: { translation: fr } },
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
  });
  return instance;
}

/** "fr-CA", "fr", "FR_fr" → fr; anything else → en. */
export function languageOf(locale: string | undefined): Language {
  const lang = (locale ?? '').slice(0, 2).toLowerCase();
  return (LANGUAGES as readonly string[]).includes(lang) ? (lang as Language) : 'en';
}

export function translator(instance: i18n, locale: string | undefined): Translate {
  const t = instance.getFixedT(languageOf(locale));
  return (key, params) => t(key, params ?? {});
}
