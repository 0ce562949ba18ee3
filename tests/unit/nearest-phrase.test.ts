import { editDistance, nearestPhrase } from '../../bot/src/platform/teams/nearest-phrase';

describe('the nearest command phrase', () => {
  const phrases = ['help', 'items', 'item', 'poll', 'polls', 'new item', 'settings', 'decisions'];

  it('counts a swap of two neighbours as one edit', () => {
    expect(editDistance('itmes', 'items')).toBe(1);
    expect(editDistance('setings', 'settings')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
  });

  it.each([
    ['hlep', 'help'],
    ['itmes all', 'items'],
    ['nwe item Patch', 'new item'],
    ['decsions', 'decisions'],
  ])('%s → %s', (typed, phrase) => expect(nearestPhrase(typed, phrases)).toBe(phrase));

  it('suggests nothing for another word altogether', () => {
    expect(nearestPhrase('what can you do', phrases)).toBeUndefined();
    expect(nearestPhrase('hi', phrases)).toBeUndefined();
    expect(nearestPhrase('', phrases)).toBeUndefined();
  });
});
