import { CARD_TARGET_CHARS, cutText, fitCard } from '../../bot/src/platform/cards/fit';
import { expandCard, MAX_CARD_CHARS, type AdaptiveCard } from '../../bot/src/platform/cards/render';
import { presentError } from '../../bot/src/platform/teams/errors.presenter';
import { createLogger } from '../../bot/src/platform/logging/logger';
import { createI18n, translator } from '../../bot/src/platform/i18n/i18n';
import { QuorumError } from '../../bot/src/kernel/errors';
import { LogCapture } from '../support/log-capture';

const i18n = createI18n();
const en = translator(i18n, 'en');
const template = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'RichTextBlock', $data: '${lines}', inlines: [{ type: 'TextRun', text: '${text}' }] }] };
/** A card of `n` lines of `size` characters each. */
const card = (n: number, size = 1_000): AdaptiveCard => expandCard(template, { lines: Array.from({ length: n }, () => ({ text: 'x'.repeat(size) })) }, en);
const sizeOf = (c: unknown) => JSON.stringify(c).length;

describe('fitting a card to the size budget', () => {
  it('takes the first step within the target', () => {
    const tried: number[] = [];
    const fitted = fitCard([50, 20, 10], (n) => (tried.push(n), card(n)));
    expect(tried).toEqual([50, 20]);
    expect(sizeOf(fitted)).toBeLessThanOrEqual(CARD_TARGET_CHARS);
  });

  it('falls back to the smallest card within the hard budget when no step reaches the target', () => {
    const fitted = fitCard([38, 35, 33], (n) => card(n));
    expect(sizeOf(fitted)).toBeGreaterThan(CARD_TARGET_CHARS);
    expect(sizeOf(fitted)).toBeLessThan(MAX_CARD_CHARS);
    expect((fitted.body as unknown[]).length).toBe(33);
  });

  it('refuses with the too-large code when nothing fits, and passes any other failure on as it is', () => {
    expect(() => fitCard([80, 60], (n) => card(n))).toThrow(expect.objectContaining({ code: 'too-large' }) as Error);
    expect(() =>
      fitCard([1], () => {
        throw new Error('template broken');
      }),
    ).toThrow('template broken');
  });

  it('cuts a text at a code point, never inside an emoji, and says so with an ellipsis', () => {
    expect(cutText('abc', 3)).toBe('abc');
    expect(cutText('🔐🔐🔐🔐', 3)).toBe('🔐🔐…');
    expect(cutText('فاطمة المنصوري', 6)).toBe('فاطمة…');
  });
});

describe('a card that still cannot be built', () => {
  it.each(['en', 'fr', 'ar'])('is explained to the user in %s with a reference, and logged as an error under it', (lang) => {
    const logs = new LogCapture();
    const log = createLogger({ level: 'info', pretty: false, destination: logs });
    const err = new QuorumError('too-large', 'card of 45000 characters exceeds the 40000 budget', { size: 45_000 });
    const shown = presentError(err, translator(i18n, lang), log, 'card:test');
    expect(shown.expected).toBe(false);
    expect(shown.text).toContain(shown.ref);
    expect(shown.text).not.toMatch(/budget|45000|\bat \S+:\d+|Error/);
    expect(shown.text).toBe(translator(i18n, lang)('errors.too-large', { ref: shown.ref }));
    const line = logs.records().find((r) => r.ref === shown.ref)!;
    expect(line).toMatchObject({ level: 50, code: 'too-large', where: 'card:test' });
  });
});
