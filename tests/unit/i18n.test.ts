import fs from 'node:fs';
import path from 'node:path';
import en from '../../bot/src/i18n/locales/en/core.json';
import fr from '../../bot/src/i18n/locales/fr/core.json';
import { ERROR_CODES } from '../../bot/src/domain/errors';
import { createI18n, languageOf, loadCatalog, LOCALES_DIR, translator } from '../../bot/src/i18n/i18n';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('message catalog', () => {
  it('has the same files in English and French', () => {
    expect(fs.readdirSync(path.join(LOCALES_DIR, 'fr')).sort()).toEqual(fs.readdirSync(path.join(LOCALES_DIR, 'en')).sort());
  });

  it('has the same keys in English and French, file by file', () => {
    for (const file of fs.readdirSync(path.join(LOCALES_DIR, 'en'))) {
      const read = (lang: string) => JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, lang, file), 'utf8')) as object;
      expect({ file, keys: keys(read('fr')).sort() }).toEqual({ file, keys: keys(read('en')).sort() });
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
    fs.mkdirSync(path.join(dir, 'en'));
    fs.writeFileSync(path.join(dir, 'en', 'a.json'), '{"x":{"a":"1"}}');
    fs.writeFileSync(path.join(dir, 'en', 'b.json'), '{"x":{"b":"2"}}');
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
