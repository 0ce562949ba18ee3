import fs from 'node:fs';
import path from 'node:path';
import en from '../../bot/src/features/core/locales/en.json';
import fr from '../../bot/src/features/core/locales/fr.json';
import { ERROR_CODES } from '../../bot/src/kernel/errors';
import { createI18n, languageOf, loadCatalog, FEATURES_DIR, translator } from '../../bot/src/platform/i18n/i18n';
import { fr as tabFr } from '../../tab/src/lib/messages.fr';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const baseKey = (key: string) => key.replace(PLURAL_SUFFIX, '');

/**
 * Variables that hold a number of things. Not here: max, min and length in error messages, which
 * are the app's fixed limits (all well above one) or a length beyond such a limit.
 */
const NUMBER_VARIABLES = ['count', 'voters', 'votes', 'total', 'electorate', 'done', 'options', 'organisations', 'pages', 'n', 'yes', 'maybe', 'no'];
/**
 * Words that may follow a number without agreeing with it: prepositions, the unit "min", the
 * answer labels of availability polls, and verbs whose subject is another number.
 */
const INVARIANT_AFTER: Record<string, string[]> = { en: ['of', 'min', 'voted', 'have', 'has', 'if', 'no', 'yes'], fr: ['sur', 'min', 'ont', 'a', 'si', 'non', 'oui'] };

describe('plural forms', () => {
  for (const lang of ['en', 'fr'] as const) {
    const catalog = loadCatalog(lang);
    const at = (key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], catalog) as string;
    const all = keys(catalog);

    it(`gives every message that shows {{count}} each plural form of ${lang}`, () => {
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      const missing = all
        .filter((k) => /{{\s*count\s*}}/.test(at(k)))
        .flatMap((k) => categories.map((c) => `${baseKey(k)}_${c}`))
        .filter((k) => !all.includes(k));
      expect([...new Set(missing)]).toEqual([]);
    });

    it(`shows numbers of things in ${lang} only through {{count}} (so the words agree)`, () => {
      const bad = all.flatMap((k) =>
        [...at(k).matchAll(/\{\{\s*(\w+)\s*\}\}\s+(\p{L}+)/gu)]
          .filter(([, name, word]) => NUMBER_VARIABLES.includes(name!) && !INVARIANT_AFTER[lang]!.includes(word!.toLowerCase()))
          .filter(([, name]) => name !== 'count' || !PLURAL_SUFFIX.test(k))
          .map(([text]) => `${k}: ${text}`),
      );
      expect(bad).toEqual([]);
    });

    it(`writes no "(s)" plurals in ${lang}`, () => {
      expect(all.filter((k) => /\p{L}\((e?s|x)\)/u.test(at(k))).map((k) => `${k}: ${at(k)}`)).toEqual([]);
    });
  }

  it('picks the form by the number (one decision, two decisions)', () => {
    const en = translator(createI18n(), 'en');
    const fr = translator(createI18n(), 'fr');
    expect(en('decisions.verify.intact', { count: 1, head: 'h' })).toBe('1 decision, chain intact, head h');
    expect(en('decisions.verify.intact', { count: 2, head: 'h' })).toBe('2 decisions, chain intact, head h');
    expect(fr('decisions.verify.intact', { count: 1, head: 'h' })).toBe('1 décision, chaîne intacte, tête h');
    expect(fr('decisions.verify.intact', { count: 1000000, head: 'h' })).toBe('1000000 décisions, chaîne intacte, tête h');
  });
});

describe('status labels', () => {
  it.each(['en', 'fr'] as const)('are written as labels in %s (a capital, like every other field value on a card)', (lang) => {
    const t = translator(createI18n(), lang);
    const labels = ['planned', 'in-progress', 'closed'].map((s) => t(`sessions.status.${s}`));
    expect(labels.filter((l) => l[0] !== l[0]!.toLocaleUpperCase(lang))).toEqual([]);
  });
});

describe('message catalog', () => {
  const features = fs.readdirSync(FEATURES_DIR).filter((f) => fs.existsSync(path.join(FEATURES_DIR, f, 'locales')));

  it('gives every feature a catalog in English and French', () => {
    expect(features.length).toBeGreaterThanOrEqual(7);
    for (const feature of features) expect({ feature, files: fs.readdirSync(path.join(FEATURES_DIR, feature, 'locales')).sort() }).toEqual({ feature, files: ['en.json', 'fr.json'] });
  });

  it('has the same keys in English and French, feature by feature', () => {
    for (const feature of features) {
      const read = (lang: string) => JSON.parse(fs.readFileSync(path.join(FEATURES_DIR, feature, 'locales', `${lang}.json`), 'utf8')) as object;
      // Plural forms differ by language (French has a "many" form English lacks): compare the messages, not their forms.
      const messages = (lang: string) => [...new Set(keys(read(lang)).map(baseKey))].sort();
      expect({ feature, keys: messages('fr') }).toEqual({ feature, keys: messages('en') });
    }
  });

  it('uses the same {{placeholders}} in both languages', () => {
    const en = loadCatalog('en');
    const fr = loadCatalog('fr');
    const at = (obj: object, key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj) as string;
    for (const key of keys(en)) {
      const names = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
      expect({ key, names: names(at(fr, key)) }).toEqual({ key, names: names(at(en, key)) });
    }
  });

  it('refuses two feature files defining the same top-level key', () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'locales-'));
    for (const [feature, body] of [['a', '{"x":{"a":"1"}}'], ['b', '{"x":{"b":"2"}}']] as const) {
      fs.mkdirSync(path.join(dir, feature, 'locales'), { recursive: true });
      fs.writeFileSync(path.join(dir, feature, 'locales', 'en.json'), body);
    }
    expect(() => loadCatalog('en', dir)).toThrow(/defined twice/);
  });

  it('has a message for every error code', () => {
    for (const code of ERROR_CODES) expect(keys(en)).toContain(`errors.${code}`);
  });

  it('picks the language from the activity locale', () => {
    expect(languageOf('fr-CA')).toBe('fr');
    expect(languageOf('en-GB')).toBe('en');
    expect(languageOf('de-DE')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
    const i18n = createI18n();
    expect(translator(i18n, 'fr-FR')('errors.forbidden')).toBe(fr.errors.forbidden);
    expect(translator(i18n, 'en-US')('errors.forbidden')).toBe(en.errors.forbidden);
  });

  it('does not HTML-escape interpolated values (cards show them literally instead)', () => {
    const t = translator(createI18n(), 'en');
    expect(t('coChairs.added', { name: 'A & <B>' })).toBe('A & <B> is now a co-chair.');
  });
});

describe('French punctuation', () => {
  /** A colon, question or exclamation mark or semicolon ending a phrase, without the (narrow) no-break space French puts before it. */
  const bareColon = (text: string) => /(^|[^\u202F\u00A0])[:?!;](\s|$)/u.test(text);

  it('puts a no-break space before every colon, ? ! and ; in the bot\'s French messages', () => {
    const catalog = loadCatalog('fr');
    const at = (key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], catalog) as string;
    expect(keys(catalog).filter((k) => bareColon(at(k))).map((k) => `${k}: ${at(k)}`)).toEqual([]);
  });

  it('puts a no-break space before every colon, ? ! and ; in the tab\'s French messages', () => {
    expect(Object.entries(tabFr).filter(([, text]) => bareColon(text)).map(([k, text]) => `${k}: ${text}`)).toEqual([]);
  });

  it('labels a value with the colon of the language', () => {
    expect(translator(createI18n(), 'fr')('label', { label: 'Séance' })).toBe('Séance\u202F:');
    expect(translator(createI18n(), 'en')('label', { label: 'Session' })).toBe('Session:');
    expect(tabFr.labelSep).toBe('\u202F: ');
  });
});

describe('one French word for a session', () => {
  it('calls it « séance » everywhere in French (the view, its heading, the bot)', () => {
    const catalog = loadCatalog('fr');
    const at = (key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], catalog) as string;
    const session = /(^|[^\p{L}])sessions?(?![\p{L}])/iu;
    expect(Object.entries(tabFr).filter(([, text]) => session.test(text)).map(([k]) => k)).toEqual([]);
    expect(keys(catalog).filter((k) => !k.includes('.usage.') && session.test(at(k))).map((k) => `${k}: ${at(k)}`)).toEqual([]);
  });
});
