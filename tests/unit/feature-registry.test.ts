import { FeatureRegistry } from '../../bot/src/platform/teams/feature-registry';
import type { ChatCommand, Feature } from '../../bot/src/platform/teams/feature';
import { coreFeature } from '../../bot/src/features/core/core.feature';

const command = (id: string, words: string[][], audience: 'everyone' | 'co-chair' = 'everyone'): ChatCommand => ({
  id,
  words: { en: words },
  usageKey: id,
  descriptionKey: id,
  audience,
  run: async () => undefined,
});

describe('feature registry', () => {
  const registry = new FeatureRegistry([
    coreFeature,
    { name: 'x', commands: [command('items', [['items']]), command('items-all', [['items', 'all']]), command('new-item', [['new', 'item']], 'co-chair')] },
  ]);

  it.each([
    ['help', 'help', ''],
    ['  HELP  ', 'help', ''],
    ['aide', 'help', ''],
    ['Co-Chairs', 'cochairs', ''],
    ['cochair add  Sofia   Marquez', 'cochair-add', 'Sofia Marquez'],
    ['co-chair remove Sofia', 'cochair-remove', 'Sofia'],
    ['items', 'items', ''],
    ['items all', 'items-all', ''],
    ['items overdue', 'items', 'overdue'],
    ['new item Rotate keys', 'new-item', 'Rotate keys'],
  ])('%j → %s (args %j)', (text, id, args) => {
    const m = registry.match(text);
    expect(m?.command.id).toBe(id);
    expect(m?.args).toBe(args);
  });

  it('tells the language of the words typed (a shared word belongs to both)', () => {
    expect(registry.match('aide')?.languages).toEqual(['fr']);
    expect(registry.match('help')?.languages).toEqual(['en']);
    expect(registry.match('?')?.languages).toEqual(['en', 'fr', 'es', 'ar', 'ru', 'zh']);
    expect(registry.match('ayuda')?.languages).toEqual(['es']);
    expect(registry.match('справка')?.languages).toEqual(['ru']);
    expect(registry.match('帮助')?.languages).toEqual(['zh']);
    expect(registry.match('مساعدة')?.languages).toEqual(['ar']);
    expect(registry.match('coprésidence ajouter Sofia')).toMatchObject({ command: { id: 'cochair-add' }, args: 'Sofia', languages: ['fr'] });
  });

  it.each(['cochair promote Sofia', 'what is this', '', 'new'])('matches nothing for %j', (text) => {
    expect(registry.match(text)).toBeUndefined();
  });

  it('lists co-chair commands only for co-chairs', () => {
    expect(registry.commandsFor('member').map((c) => c.id)).not.toContain('new-item');
    expect(registry.commandsFor('co-chair').map((c) => c.id)).toContain('new-item');
  });

  it('refuses two features claiming one phrase or verb', () => {
    const a: Feature = { name: 'a', commands: [command('a', [['same']])], verbs: [{ verb: 'v', run: async () => ({ message: '' }) }] };
    expect(() => new FeatureRegistry([a, { name: 'b', commands: [command('b', [['SAME']])] }])).toThrow(/twice/);
    expect(() => new FeatureRegistry([a, { name: 'c', verbs: [{ verb: 'v', run: async () => ({ message: '' }) }] }])).toThrow(/twice/);
  });
});
