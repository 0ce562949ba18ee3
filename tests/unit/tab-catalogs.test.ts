import { en } from '../../tab/src/lib/messages.en';
import { ar } from '../../tab/src/lib/messages.ar';
import { es } from '../../tab/src/lib/messages.es';
import { ru } from '../../tab/src/lib/messages.ru';
import { zh } from '../../tab/src/lib/messages.zh';
import { message, type MessageKey, type Messages } from '../../tab/src/lib/i18n';

const FORM = /_(zero|one|two|few|many)$/;
/** The messages English words by number: those with a form for one. */
const counted = Object.keys(en)
  .filter((k) => k.endsWith('_one'))
  .map((k) => k.replace(FORM, ''));
const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

// French is older and checked in tab-plurals.test.ts; these are the four languages added together.
const catalogs = { ar, es, ru, zh } as Record<string, Messages & Record<string, string>>;

describe.each(Object.entries(catalogs))('the tab in %s', (lang, m) => {
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories.filter((c) => c !== 'other');

  it('names its language, for plural rules', () => {
    expect(m.lang).toBe(lang);
  });

  it('has every English message, and no other key than the plural forms of the language', () => {
    expect(Object.keys(en).filter((k) => !(k in m))).toEqual([]);
    const forms = counted.flatMap((k) => categories.map((c) => `${k}_${c}`));
    expect(forms.filter((k) => !(k in m))).toEqual([]);
    expect(Object.keys(m).filter((k) => !(k in en) && !forms.includes(k))).toEqual([]);
  });

  it('uses the English placeholders (a form for one number may say it in words)', () => {
    const wrong = Object.entries(m).flatMap(([k, text]) => {
      const base = FORM.test(k) && !(k in en && !k.endsWith('_one')) ? k.replace(FORM, '') : k;
      const english = names(en[base as MessageKey]);
      const own = names(text);
      const same = base === k ? own.join() === english.join() : own.filter((n) => n !== 'count').join() === english.filter((n) => n !== 'count').join();
      return same ? [] : [`${k}: ${text}`];
    });
    expect(wrong).toEqual([]);
  });

  it('leaves no message empty', () => {
    expect(
      Object.entries(m)
        .filter(([, text]) => text.trim() === '')
        .map(([k]) => k),
    ).toEqual([]);
  });
});

describe('the tab picks the plural form of each language', () => {
  it.each([
    ['ru', 1, '1 задача'],
    ['ru', 3, '3 задачи'],
    ['ru', 5, '5 задач'],
    ['ru', 21, '21 задача'],
    ['ar', 1, 'مهمة واحدة'],
    ['ar', 2, 'مهمتان'],
    ['ar', 3, '3 مهام'],
    ['ar', 11, '11 مهمة'],
    ['ar', 100, '100 مهمة'],
    ['es', 1, '1 tarea'],
    ['es', 2, '2 tareas'],
    ['zh', 1, '1 项'],
  ] as const)('in %s, %d items', (lang, count, expected) => {
    expect(message(catalogs[lang]!, 'wpShown', { count })).toBe(expected);
  });

  it('separates a label from its value with the colon of the language', () => {
    expect([ar.labelSep, es.labelSep, ru.labelSep, zh.labelSep]).toEqual([': ', ': ', ': ', '：']);
  });
});
