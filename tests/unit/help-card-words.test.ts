import { createI18n, translator, type Language } from '../../bot/src/platform/i18n/i18n';
import { FeatureRegistry } from '../../bot/src/platform/teams/feature-registry';
import { createFeatures } from '../../bot/src/features/index';
import type { QuorumContext } from '../../bot/src/features/storage';
import { helpCommands } from '../../bot/src/features/core/core.feature';
import { renderHelpCard } from '../../bot/src/features/core/cards/help-card';
import { standIn } from '../../manifest/commands';

/** Every text a card shows (TextBlock and TextRun texts, action titles). */
function texts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(texts);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own = ['text', 'title'].filter((k) => typeof o[k] === 'string').map((k) => o[k] as string);
  return [...own, ...Object.values(o).flatMap(texts)];
}

const registry = new FeatureRegistry(createFeatures(standIn() as QuorumContext));
const i18n = createI18n();
const card = (lang: Language) => {
  const t = translator(i18n, lang);
  return renderHelpCard(t, { isCoChair: true, commands: helpCommands(registry.commandsFor('co-chair'), t), group: { name: 'G', teamId: 'team' } });
};

describe('the help card', () => {
  it.each(['fr', 'es', 'ar', 'ru', 'zh'] as const)('lists only %s command words, never an English-only phrase', (lang) => {
    const shown = texts(card(lang)).join('\n');
    const phrasesIn = (l: Language) => new Set(registry.allCommands().flatMap((c) => (c.words[l] ?? []).map((w) => w.join(' '))));
    const own = phrasesIn(lang);
    const englishOnly = [...phrasesIn('en')].filter((p) => !own.has(p) && p !== '?');
    const found = englishOnly.filter((p) => new RegExp(`(^|[^\\p{L}-])${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}-])`, 'iu').test(shown));
    expect(found).toEqual([]);
    expect(shown).not.toMatch(/@Name/);
  });

  it('writes the mention placeholder in French as @Nom', () => {
    expect(texts(card('fr')).join('\n')).toMatch(/@Nom/);
  });

  it.each(['en', 'fr'] as const)('keeps its placeholders in %s: no <…> that Teams strips as HTML', (lang) => {
    const shown = texts(card(lang));
    expect(shown.filter((x) => /<[^>]*>/.test(x))).toEqual([]);
    expect(shown.join('\n')).toMatch(lang === 'en' ? /items org ORGANISATION/ : /actions org ORGANISATION/);
    expect(shown.join('\n')).toMatch(lang === 'en' ? /session link SESSION-ID/ : /séance lier ID-SÉANCE/);
  });

  it('shows usages and descriptions as plain text runs, never markdown', () => {
    const json = JSON.stringify(card('en'));
    expect(json).not.toMatch(/"type":"TextBlock","text":"(items|new item)/);
  });
});
