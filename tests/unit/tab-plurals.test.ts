import { en } from '../../tab/src/lib/messages.en';
import { fr } from '../../tab/src/lib/messages.fr';
import { message, type MessageKey } from '../../tab/src/lib/i18n';

describe('the tab counts in words that agree', () => {
  it.each([
    ['en', en],
    ['fr', fr],
  ] as const)('has a form for one of every %s message with a count beside a word', (_lang, m) => {
    const counted = Object.entries(m).filter(([k, text]) => !/_one$/.test(k) && /\{(count|n)\}\s+\p{L}/u.test(text) && !/\{n\} (of|sur) /.test(text));
    expect(counted.filter(([k]) => !(`${k}_one` in m)).map(([k, text]) => `${k}: ${text}`)).toEqual([]);
  });

  it("picks the form by the language's plural rules", () => {
    expect(message(en, 'wpShown', { count: 1 })).toBe('1 item');
    expect(message(en, 'wpShown', { count: 0 })).toBe('0 items');
    expect(message(fr, 'wpShown', { count: 0 })).toBe('0 action');
    expect(message(fr, 'wpShown', { count: 2 })).toBe('2 actions');
    expect(message(fr, 'pollVoters', { count: 1, n: '1', m: '6' })).toBe('1 sur 6 a voté');
    expect(message(en, 'decPage' as MessageKey, { page: 1, pages: 1, count: 1 })).toBe('Page 1 of 1 (1 decision)');
  });
});
