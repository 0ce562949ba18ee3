import en from '../../bot/src/i18n/locales/en.json';
import fr from '../../bot/src/i18n/locales/fr.json';
import { ERROR_CODES } from '../../bot/src/domain/errors';
import { createI18n, languageOf, translator } from '../../bot/src/i18n/i18n';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('message catalog', () => {
  it('has the same keys in English and French', () => {
    expect(keys(fr).sort()).toEqual(keys(en).sort());
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
