import fs from 'node:fs';
import path from 'node:path';
import { FEATURES_DIR } from '../../bot/src/platform/i18n/i18n';
import { fr } from '../../tab/src/lib/messages.fr';

/**
 * French typography, one rule everywhere: a narrow no-break space (U+202F) before ; : ! ? and »
 * and after «, so the mark never starts a line and the spacing is the same in the bot, its
 * cards and the tab; a no-break space (U+00A0 or U+202F) between the groups of a number.
 */
const NNBSP = '\u202F';

/** What breaks the rule in one message (empty when none). */
export function frenchTypographyFindings(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/([ \u00A0]+)([;:!?»])/g)) found.push(`${m[1] === ' ' ? 'space' : 'U+00A0'} before "${m[2]}"`);
  for (const m of text.matchAll(/«([ \u00A0]+)/g)) found.push(`${m[1] === ' ' ? 'space' : 'U+00A0'} after "«"`);
  // No space at all: "mot; suite", "vraiment?", "« mot»"; a prose colon ("Titre: x"), not a format (HH:MM, https://).
  // (A "?" inside a web address, "?view=…", is not punctuation.)
  for (const m of text.matchAll(/[\p{L}\p{N})}’]([;!?»])(?![\p{L}\p{N}=&])/gu)) found.push(`no space before "${m[1]}"`);
  for (const m of text.matchAll(/[\p{L})}’]:(?=\s)/gu)) found.push(`no space before ":" at "${text.slice(Math.max(0, m.index - 4), m.index + 2)}"`);
  for (const _m of text.matchAll(/«(?=[^\s\u202F\u00A0])/g)) found.push('no space after "«"');
  for (const m of text.matchAll(/\d+ \d{3}(?!\d)/g)) found.push(`space in the number "${m[0]}"`);
  return found;
}

function strings(value: unknown, at: string, out: [string, string][]): [string, string][] {
  if (typeof value === 'string') out.push([at, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${at}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, at ? `${at}.${k}` : k, out);
  return out;
}

const botCatalogues = fs
  .readdirSync(FEATURES_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(FEATURES_DIR, d.name, 'locales', 'fr.json')))
  .map((d) => [`features/${d.name}/locales/fr.json`, JSON.parse(fs.readFileSync(path.join(FEATURES_DIR, d.name, 'locales', 'fr.json'), 'utf8')) as unknown] as const);

describe('French typography', () => {
  it('reads every French catalogue of the bot and the tab', () => {
    expect(botCatalogues.map(([file]) => file)).toEqual(expect.arrayContaining(['features/core/locales/fr.json', 'features/decisions/locales/fr.json', 'features/work-plan/locales/fr.json']));
    expect(strings(fr, '', []).length).toBeGreaterThan(200);
  });

  it.each([...botCatalogues, ['tab/src/lib/messages.fr.ts', fr] as const])('%s: a narrow no-break space before ; : ! ? » and after «, none plain', (_file, catalogue) => {
    const wrong = strings(catalogue, '', []).flatMap(([key, text]) => frenchTypographyFindings(text).map((f) => `${key}: ${f} in "${text}"`));
    expect(wrong).toEqual([]);
  });

  it('finds what breaks the rule, and only that', () => {
    expect(frenchTypographyFindings('Titre : x')).toEqual(['space before ":"']);
    expect(frenchTypographyFindings('Vraiment\u00A0?')).toEqual(['U+00A0 before "?"']);
    expect(frenchTypographyFindings('« mot »')).toEqual(['space before "»"', 'space after "«"']);
    expect(frenchTypographyFindings('Titre: x; y')).toEqual(['no space before ";"', 'no space before ":" at "Titre:"']);
    expect(frenchTypographyFindings('«mot»')).toEqual(['no space before "»"', 'no space after "«"']);
    expect(frenchTypographyFindings('30 000 caractères')).toEqual(['space in the number "30 000"']);
    const good = `Titre${NNBSP}: x${NNBSP}; «${NNBSP}mot${NNBSP}» et 2${NNBSP}?`;
    expect(frenchTypographyFindings(good)).toEqual([]);
    expect(frenchTypographyFindings('heure HH:MM, https://exemple.org/?a=1, 30\u202F000, --expect {{seq}}:{{hash}}')).toEqual([]);
  });
});
