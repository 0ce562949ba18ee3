import type { QuorumContext } from '../../bot/src/features/storage';
import fs from 'node:fs';
import path from 'node:path';
import { FEATURES_DIR } from '../../bot/src/platform/i18n/i18n';
import { createFeatures } from '../../bot/src/features/index';
import { standIn } from '../../manifest/commands';

/**
 * The words members type for each chat command, in the six UN languages
 * (features/<feature>/locales/commands.json), checked against the commands the features register.
 */
type Phrases = string[][];
type Words = Record<string, Record<string, Phrases>>;
const LANGS = ['ar', 'en', 'es', 'fr', 'ru', 'zh'];

const features = createFeatures(standIn() as QuorumContext);
const files = features
  .map((f) => ({ feature: f, file: path.join(FEATURES_DIR, f.name, 'locales', 'commands.json') }))
  .filter(({ feature, file }) => (feature.commands ?? []).length > 0 || fs.existsSync(file));
const words = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Words;
const all = files.flatMap(({ file }) => Object.entries(words(file)));
const phrase = (p: string[]) => p.join(' ').toLowerCase();

describe('command words in every language', () => {
  it('gives every feature with chat commands a commands.json listing exactly its commands', () => {
    for (const { feature, file } of files) {
      const ids = (feature.commands ?? []).map((c) => c.id).sort();
      expect({ feature: feature.name, ids: fs.existsSync(file) ? Object.keys(words(file)).sort() : [] }).toEqual({ feature: feature.name, ids });
    }
  });

  it('is where every registered command takes its words from, in every language', () => {
    for (const { feature, file } of files) {
      const listed = words(file);
      for (const c of feature.commands ?? []) expect({ id: c.id, words: c.words }).toEqual({ id: c.id, words: listed[c.id] });
    }
  });

  it('has at least one phrase per command in each of the six languages, in lower case, without spaces inside a word', () => {
    for (const [id, byLang] of all) {
      expect({ id, languages: Object.keys(byLang).sort() }).toEqual({ id, languages: LANGS });
      for (const lang of LANGS) {
        const phrases = byLang[lang]!;
        expect({ id, lang, some: phrases.length > 0 }).toEqual({ id, lang, some: true });
        for (const p of phrases) {
          expect({ id, lang, p, ok: p.length > 0 && p.every((w) => w !== '' && !/\s/.test(w) && w === w.toLocaleLowerCase(lang)) }).toEqual({ id, lang, p, ok: true });
        }
      }
    }
  });

  it('never gives one phrase to two commands, within a language or across languages', () => {
    // The registry matches typed text against every language's phrases at once, so a clash anywhere is a clash.
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const [id, byLang] of all) {
      for (const lang of LANGS) {
        for (const p of byLang[lang]!) {
          const known = owner.get(phrase(p));
          if (known && known !== id) clashes.push(`"${phrase(p)}" (${lang}) is ${known} and ${id}`);
          owner.set(phrase(p), id);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  it('lists no phrase twice for one command and language', () => {
    const repeats = all.flatMap(([id, byLang]) =>
      LANGS.flatMap((lang) => {
        const list = byLang[lang]!.map(phrase);
        return list.filter((p, i) => list.indexOf(p) !== i).map((p) => `${id} ${lang}: ${p}`);
      }),
    );
    expect(repeats).toEqual([]);
  });
});
