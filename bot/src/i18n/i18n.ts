import fs from 'node:fs';
import path from 'node:path';
import i18next, { type i18n } from 'i18next';

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
/** A fixed-language view of the catalogs; it says its language so dates and numbers follow it too. */
export type Translate = ((key: string, params?: Record<string, string | number>) => string) & { readonly language?: Language };
type Catalog = Record<string, unknown>;

/** Where the catalogs are: one JSON file per feature and language (locales/<lang>/<feature>.json). */
export const LOCALES_DIR = path.join(__dirname, 'locales');

/** A language's catalog: every feature's file merged; two files defining one top-level key is an error. */
export function loadCatalog(lang: Language, dir = LOCALES_DIR): Catalog {
  const merged: Catalog = {};
  for (const file of fs.readdirSync(path.join(dir, lang)).filter((f) => f.endsWith('.json')).sort()) {
    const part = JSON.parse(fs.readFileSync(path.join(dir, lang, file), 'utf8')) as Catalog;
    for (const [key, value] of Object.entries(part)) {
      if (key in merged) throw new Error(`message key "${key}" is defined twice (locales/${lang}/${file})`);
      merged[key] = value;
    }
  }
  return merged;
}

/**
 * One i18next instance for the process; a translator per turn is a cheap fixed-language view.
 * Interpolated values are not HTML-escaped: messages go into card data, never into HTML, and
 * user text is only interpolated into messages shown through TextRuns (no markdown).
 */
export function createI18n(): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: loadCatalog(l) }])),
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
  });
  return instance;
}

/** "fr-CA", "fr", "FR_fr" → fr; anything else → en. */
export function languageOf(locale: unknown): Language {
  const lang = typeof locale === 'string' ? locale.slice(0, 2).toLowerCase() : '';
  return (LANGUAGES as readonly string[]).includes(lang) ? (lang as Language) : 'en';
}

export function translator(instance: i18n, locale: unknown): Translate {
  const language = languageOf(locale);
  const t = instance.getFixedT(language);
  return Object.assign((key: string, params?: Record<string, string | number>) => t(key, params ?? {}), { language });
}
