import fs from 'node:fs';
import path from 'node:path';
import { argumentNamed, type ArgumentWords } from '../../bot/src/platform/i18n/argument-words';
import { FEATURES_DIR, LANGUAGES, loadCatalog } from '../../bot/src/platform/i18n/i18n';
import { parseOneLine } from '../../bot/src/features/work-plan/chat/one-line-item';

/**
 * The keywords typed after a command (features/<feature>/locales/arguments.json) are the
 * words each language's usage line shows: the parser reads the file, this test holds the
 * catalogue's lines to it, so the help never teaches a word the bot does not take.
 */
const SHOWN_IN: Record<string, Record<string, string[]>> = {
  'work-plan': {
    all: ['workPlan.usage.items'],
    overdue: ['workPlan.usage.items'],
    org: ['workPlan.usage.items'],
    due: ['workPlan.usage.newItem', 'workPlan.errors.newItemUsage'],
    low: ['workPlan.errors.newItemUsage'],
    medium: ['workPlan.errors.newItemUsage'],
    high: ['workPlan.usage.newItem', 'workPlan.errors.newItemUsage'],
    critical: ['workPlan.errors.newItemUsage'],
  },
  polls: { members: ['polls.usage.settings', 'polls.settings.usage'], on: ['polls.usage.settings', 'polls.settings.usage'], off: ['polls.usage.settings', 'polls.settings.usage'] },
  reports: { session: ['reports.usage.report', 'reports.errors.usage'] },
};

const read = (feature: string) => JSON.parse(fs.readFileSync(path.join(FEATURES_DIR, feature, 'locales', 'arguments.json'), 'utf8')) as ArgumentWords;
const withArguments = fs.readdirSync(FEATURES_DIR).filter((f) => fs.existsSync(path.join(FEATURES_DIR, f, 'locales', 'arguments.json')));
const at = (catalog: object, key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], catalog) as string;
const wordsIn = (text: string) => text.toLocaleLowerCase().split(/[\s|[\]«»“”"（）()，,:：。.—]+/u);

describe('argument words in every language', () => {
  it('are the ones the usage lines show, in each of the six languages', () => {
    expect(withArguments.sort()).toEqual(Object.keys(SHOWN_IN).sort());
    const missing: string[] = [];
    for (const lang of LANGUAGES) {
      const catalog = loadCatalog(lang);
      for (const feature of withArguments) {
        const words = read(feature);
        expect({ feature, keys: Object.keys(words).sort() }).toEqual({ feature, keys: Object.keys(SHOWN_IN[feature]!).sort() });
        for (const [key, shownIn] of Object.entries(SHOWN_IN[feature]!)) {
          const own = words[key]![lang];
          if (!own?.length) missing.push(`${feature} ${key}: no ${lang} word`);
          for (const usage of shownIn) if (own?.length && !wordsIn(at(catalog, usage)).includes(own[0]!.toLocaleLowerCase())) missing.push(`${lang} ${usage} does not show "${own[0]}"`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('never gives one word to two keywords of a command, in any language', () => {
    for (const feature of withArguments) {
      const words = read(feature);
      for (const key of Object.keys(words))
        for (const list of Object.values(words[key]!)) for (const w of list ?? []) expect({ feature, w, is: argumentNamed(words, w) }).toEqual({ feature, w, is: key });
    }
  });

  it('are understood whatever the case, and English always', () => {
    const words = read('work-plan');
    expect(argumentNamed(words, 'ALL')).toBe('all');
    expect(argumentNamed(words, 'Todas')).toBe('all');
    expect(argumentNamed(words, 'ПРОСРОЧЕННЫЕ')).toBe('overdue');
    expect(argumentNamed(words, '逾期')).toBe('overdue');
    expect(argumentNamed(words, 'nothing')).toBeUndefined();
    expect(argumentNamed(words, '')).toBeUndefined();
  });

  it.each([
    ['en', 'Rotate keys due 2027-02-01 high'],
    ['fr', 'Changer les clés échéance 2027-02-01 haute'],
    ['es', 'Rotar las claves plazo 2027-02-01 alta'],
    ['ru', 'Сменить ключи срок 2027-02-01 высокий'],
    ['ar', 'تغيير المفاتيح الموعد 2027-02-01 عالية'],
    ['zh', '更换密钥 截止 2027-02-01 高'],
  ] as const)('takes the due date and priority of a one-line item in its language (%s), and English ones too', (lang, line) => {
    const parsed = parseOneLine(line, lang);
    expect(parsed).toMatchObject({ due: '2027-02-01', priority: 'high' });
    expect(parsed.title).not.toMatch(/2027|échéance|plazo|срок|الموعد|截止|due|haute|alta|высокий|عالية|高/);
    expect(parseOneLine('Rotate keys due 2027-02-01 critical', lang)).toMatchObject({ title: 'Rotate keys', due: '2027-02-01', priority: 'critical' });
  });

  it("keeps to English and the command's language: another language's word stays in the title", () => {
    expect(parseOneLine('Update social media', 'en')).toEqual({ title: 'Update social media' });
    expect(parseOneLine('Update social media', 'es')).toEqual({ title: 'Update social', priority: 'medium' });
    expect(argumentNamed(read('polls'), 'no', 'en')).toBeUndefined();
    expect(argumentNamed(read('polls'), 'no', 'es')).toBe('off');
  });
});
