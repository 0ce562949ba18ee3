import fs from 'node:fs';
import path from 'node:path';
import { FEATURES_DIR } from '../../bot/src/platform/i18n/i18n';
import { ar } from '../../tab/src/lib/messages.ar';
import { en } from '../../tab/src/lib/messages.en';
import { es } from '../../tab/src/lib/messages.es';
import { fr } from '../../tab/src/lib/messages.fr';
import { ru } from '../../tab/src/lib/messages.ru';
import { zh } from '../../tab/src/lib/messages.zh';

/**
 * A message left in English in another language's catalogue is a translation forgotten: the
 * key check cannot see it (the key is there). Only names, references and formats may read the
 * same, and the few words a language shares with English.
 */
const OTHERS = ['fr', 'es', 'ar', 'ru', 'zh'] as const;

/** Names and formats, the same in every language. */
const NAMES = new Set(['Quorum', 'Markdown', 'CSV', 'HTML', 'ICS', '{{minutes}} min', '--expect {{seq}}:{{hash}}']);

/** Words a language writes as English does (checked one by one: each is that language's word). */
const SHARED: Partial<Record<(typeof OTHERS)[number], string[]>> = {
  fr: ['Question', 'Organisation', 'Option', 'Options', 'Option {n}', 'Total', 'Description', 'Note', 'Actions'],
  es: ['No', 'Total', 'Ref.'],
};

/** Nothing to translate: only placeholders, digits and punctuation, or only a web address. */
const untranslatable = (s: string) => !/\p{L}/u.test(s.replace(/\{\{\s*\w+\s*\}\}|\{\w+\}/g, '')) || /^https?:\/\/\S+$/.test(s);

function leaves(obj: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const [kk, vv] of leaves(v as object, key)) out.set(kk, vv);
    else if (typeof v === 'string') out.set(key, v);
  }
  return out;
}

function leftInEnglish(english: Map<string, string>, own: Map<string, string>, lang: (typeof OTHERS)[number]): string[] {
  return [...own].filter(([key, text]) => english.get(key) === text && !untranslatable(text) && !NAMES.has(text) && !SHARED[lang]?.includes(text)).map(([key, text]) => `${lang} ${key}: "${text}"`);
}

/**
 * Arabic, Russian and Chinese are not written in Latin letters: a Latin word in them is a name
 * (Quorum, Teams, Europe/Zurich, an example person), a format (CSV, YYYY), a key (Enter), a
 * command of the verifying tool (`decisions verify --expect`) or English left behind (`high`).
 */
const NON_LATIN = ['ar', 'ru', 'zh'] as const;
const LATIN_NAMES = new Set([
  'Quorum',
  'Microsoft',
  'Teams',
  'CSV',
  'csv',
  'Markdown',
  'html',
  'PDF',
  'IANA',
  'Europe',
  'Zurich',
  'America',
  'New_York',
  'VPN',
  'SHA',
  'Enter',
  'Shift',
  'YYYY',
  'NNN',
  'abcdef',
  'https',
  'decisions',
  'verify',
  'expect',
  'Sofia',
  'Marquez',
]);
const latinWords = (s: string) => s.replace(/\{\{\s*\w+\s*\}\}|\{\w+\}/g, ' ').match(/[A-Za-z][A-Za-z_]{2,}/g) ?? [];
const foreignLatin = (own: Map<string, string>, lang: string) =>
  [...own].flatMap(([key, text]) =>
    key === 'lang'
      ? []
      : latinWords(text)
          .filter((w) => !LATIN_NAMES.has(w))
          .map((w) => `${lang} ${key}: "${w}"`),
  );

const features = fs.readdirSync(FEATURES_DIR).filter((f) => fs.existsSync(path.join(FEATURES_DIR, f, 'locales', 'en.json')));
const catalogue = (feature: string, lang: string) => leaves(JSON.parse(fs.readFileSync(path.join(FEATURES_DIR, feature, 'locales', `${lang}.json`), 'utf8')) as object);

describe('no English left in another language', () => {
  it.each(OTHERS)('in the bot catalogues, feature by feature (%s)', (lang) => {
    expect(features.length).toBeGreaterThanOrEqual(7);
    expect(features.flatMap((f) => leftInEnglish(catalogue(f, 'en'), catalogue(f, lang), lang))).toEqual([]);
  });

  it.each(OTHERS)("in the tab's catalogue (%s)", (lang) => {
    const tab = { fr, es, ar, ru, zh }[lang];
    expect(leftInEnglish(leaves(en), leaves(tab), lang)).toEqual([]);
  });

  it.each(NON_LATIN)('has no Latin word but names, formats and keys in %s, in the bot and the tab', (lang) => {
    const tab = { ar, ru, zh }[lang];
    expect([...features.flatMap((f) => foreignLatin(catalogue(f, lang), lang)), ...foreignLatin(leaves(tab), `tab ${lang}`)]).toEqual([]);
  });

  it('would see a message left in English', () => {
    const english = new Map([['a', 'Delete this item?']]);
    expect(leftInEnglish(english, new Map([['a', 'Delete this item?']]), 'ru')).toEqual(['ru a: "Delete this item?"']);
    expect(leftInEnglish(english, new Map([['a', 'Удалить эту задачу?']]), 'ru')).toEqual([]);
    expect(leftInEnglish(new Map([['b', '{{label}}: {{count}}']]), new Map([['b', '{{label}}: {{count}}']]), 'ru')).toEqual([]);
    expect(foreignLatin(new Map([['c', 'مهمة جديدة [العنوان الموعد YYYY-MM-DD high] {{ref}}']]), 'ar')).toEqual(['ar c: "high"']);
  });
});
