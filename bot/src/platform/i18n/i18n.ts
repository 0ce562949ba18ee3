import fs from 'node:fs';
import path from 'node:path';
import i18next, { type i18n } from 'i18next';
import { LANGUAGES, type Language } from '../../kernel/languages';

export { LANGUAGES, type Language };

/** A fixed-language view of the catalogs; it says its language so dates and numbers follow it too. */
export type Translate = ((key: string, params?: Record<string, string | number>) => string) & { readonly language?: Language };
type Catalog = Record<string, unknown>;

/**
 * Where the catalogs are: each feature keeps its strings beside its code
 * (features/<feature>/locales/<lang>.json). They are found on disk, not imported, so the
 * platform names no feature (docs/architecture.md).
 */
export const FEATURES_DIR = path.join(__dirname, '..', '..', 'features');

/** A language's catalog: every feature's file merged; two files defining one top-level key is an error. */
export function loadCatalog(lang: Language, dir = FEATURES_DIR): Catalog {
  const merged: Catalog = {};
  const features = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'locales', `${lang}.json`)));
  for (const feature of features.map((d) => d.name).sort()) {
    const part = JSON.parse(fs.readFileSync(path.join(dir, feature, 'locales', `${lang}.json`), 'utf8')) as Catalog;
    for (const [key, value] of Object.entries(part)) {
      if (key in merged) throw new Error(`message key "${key}" is defined twice (features/${feature}/locales/${lang}.json)`);
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

/** "fr-CA", "fr", "FR_fr" → fr; "zh-CN", "zh-TW" → zh (Simplified: the UN's written Chinese); anything else → en. */
export function languageOf(locale: unknown): Language {
  const lang = typeof locale === 'string' ? locale.slice(0, 2).toLowerCase() : '';
  return (LANGUAGES as readonly string[]).includes(lang) ? (lang as Language) : 'en';
}

/** Languages written right to left: their cards say `rtl`, and values put into their messages are isolated. */
const RIGHT_TO_LEFT: readonly Language[] = ['ar'];

export function isRightToLeft(language: string | undefined): boolean {
  return language !== undefined && (RIGHT_TO_LEFT as readonly string[]).includes(language);
}

/** U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE. */
const isolate = (text: string) => (text === '' ? text : `\u2068${text}\u2069`);

/**
 * In a right-to-left message, a Latin value (D-2027-004, A-12, an English title, a date) is
 * set apart so the bidi algorithm lays it out on its own: without it, "A-12" in Arabic text
 * reads "12-A" and neighbouring punctuation jumps sides. Only text values: numbers are laid out
 * well, and `count` must stay a number for the plural rules. Messages are shown text; what is
 * parsed back (request keys, ids, CSV and ICS) never goes through a translator.
 */
function isolated(params: Record<string, string | number>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? isolate(v) : v]));
}

/** `text` set apart for a right-to-left language (see above); as it is in any other, and when empty. */
export function isolatedIn(language: string | undefined, text: string): string {
  return isRightToLeft(language) ? isolate(text) : text;
}

export function translator(instance: i18n, locale: unknown): Translate {
  const language = languageOf(locale);
  const t = instance.getFixedT(language);
  const rtl = isRightToLeft(language);
  return Object.assign((key: string, params?: Record<string, string | number>) => t(key, params ? (rtl ? isolated(params) : params) : {}), { language });
}
