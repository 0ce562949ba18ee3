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

  /** Every language Quorum has a catalogue for (the six UN languages), read from the files: the runtime list is wired separately. */
  const LANGS = ['ar', 'en', 'es', 'fr', 'ru', 'zh'];
  const read = (feature: string, lang: string) => JSON.parse(fs.readFileSync(path.join(FEATURES_DIR, feature, 'locales', `${lang}.json`), 'utf8')) as object;
  const at = (obj: object, key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj) as string;
  const names = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]!).sort();

  it('gives every feature a catalog in each of the six languages', () => {
    expect(features.length).toBeGreaterThanOrEqual(7);
    for (const feature of features) {
      const files = fs
        .readdirSync(path.join(FEATURES_DIR, feature, 'locales'))
        .filter((f) => f !== 'commands.json' && f !== 'arguments.json')
        .sort();
      expect({ feature, files }).toEqual({ feature, files: LANGS.map((l) => `${l}.json`) });
    }
  });

  it.each(LANGS.filter((l) => l !== 'en'))('has the same messages in %s as in English, feature by feature, with every plural form of the language', (lang) => {
    const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    for (const feature of features) {
      const english = keys(read(feature, 'en'));
      const own = keys(read(feature, lang));
      // Plural forms differ by language (Arabic has six, Chinese one): compare the messages, then the forms.
      const messages = (all: string[]) => [...new Set(all.map(baseKey))].sort();
      expect({ feature, keys: messages(own) }).toEqual({ feature, keys: messages(english) });
      const plural = [...new Set(english.filter((k) => PLURAL_SUFFIX.test(k)).map(baseKey))];
      const expected = plural.flatMap((k) => categories.map((c) => `${k}_${c}`)).sort();
      expect({ feature, forms: own.filter((k) => PLURAL_SUFFIX.test(k)).sort() }).toEqual({ feature, forms: expected });
      expect({ feature, bare: own.filter((k) => plural.includes(k)) }).toEqual({ feature, bare: [] });
    }
  });

  it.each(LANGS.filter((l) => l !== 'en'))('uses the same {{placeholders}} in %s as in English', (lang) => {
    for (const feature of features) {
      const english = read(feature, 'en');
      const own = read(feature, lang);
      for (const key of keys(own)) {
        if (!PLURAL_SUFFIX.test(key)) {
          expect({ key, names: names(at(own, key)) }).toEqual({ key, names: names(at(english, key)) });
          continue;
        }
        // A plural form may leave the number to its words ("one older poll", Arabic's dual), but the general form shows it.
        const general = names(at(english, `${baseKey(key)}_other`));
        const mine = names(at(own, key));
        const without = (list: string[]) => list.filter((n) => n !== 'count');
        expect({ key, names: without(mine) }).toEqual({ key, names: without(general) });
        if (key.endsWith('_other')) expect({ key, names: mine }).toEqual({ key, names: general });
      }
    }
  });

  it('refuses two feature files defining the same top-level key', () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'locales-'));
    for (const [feature, body] of [
      ['a', '{"x":{"a":"1"}}'],
      ['b', '{"x":{"b":"2"}}'],
    ] as const) {
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

  it("puts a no-break space before every colon, ? ! and ; in the bot's French messages", () => {
    const catalog = loadCatalog('fr');
    const at = (key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], catalog) as string;
    expect(
      keys(catalog)
        .filter((k) => bareColon(at(k)))
        .map((k) => `${k}: ${at(k)}`),
    ).toEqual([]);
  });

  it("puts a no-break space before every colon, ? ! and ; in the tab's French messages", () => {
    expect(
      Object.entries(tabFr)
        .filter(([, text]) => bareColon(text))
        .map(([k, text]) => `${k}: ${text}`),
    ).toEqual([]);
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
    expect(
      Object.entries(tabFr)
        .filter(([, text]) => session.test(text))
        .map(([k]) => k),
    ).toEqual([]);
    expect(
      keys(catalog)
        .filter((k) => !k.includes('.usage.') && session.test(at(k)))
        .map((k) => `${k}: ${at(k)}`),
    ).toEqual([]);
  });
});
