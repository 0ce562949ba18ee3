import { optionTitle } from '../../bot/src/features/decisions/cards/decision-form-card';
import { renderDeleteConfirmCard } from '../../bot/src/features/work-plan/cards/item-card';
import type { ActionItem } from '../../bot/src/features/work-plan/domain/action-item';
import { createI18n, translator } from '../../bot/src/platform/i18n/i18n';
import { message } from '../../tab/src/lib/i18n';
import { ar as tabAr } from '../../tab/src/lib/messages.ar';
import { en as tabEn } from '../../tab/src/lib/messages.en';

/** Arabic is written right to left: its cards say so, and Latin references inside its text are isolated. */
const i18n = createI18n();
const FSI = '\u2068';
const PDI = '\u2069';

const item = { number: 12, title: 'Rotate VPN keys' } as ActionItem;

function textRuns(card: unknown): string[] {
  const out: string[] = [];
  JSON.stringify(card, (_k, v: unknown) => {
    if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'TextRun') out.push(String((v as { text: unknown }).text));
    return v;
  });
  return out;
}

describe('right to left', () => {
  it('isolates a reference put into an Arabic message, so it reads as typed among Arabic words', () => {
    const text = translator(i18n, 'ar')('workPlan.item.deleted', { ref: 'A-12', who: 'Amina Diallo' });
    expect(text).toContain(`${FSI}A-12${PDI}`);
    expect(text).toContain(`${FSI}Amina Diallo${PDI}`);
  });

  it('leaves English (and every left-to-right language) as it was, and counts as numbers for the plural rules', () => {
    expect(translator(i18n, 'en')('workPlan.item.deleted', { ref: 'A-12', who: 'Amina Diallo' })).toBe('A-12 was deleted by Amina Diallo.');
    expect(translator(i18n, 'fr')('workPlan.item.deleted', { ref: 'A-12', who: 'Amina Diallo' })).not.toMatch(/[\u2068\u2069]/);
    // Arabic has six plural forms: a count made a string would pick the wrong one.
    const ar = translator(i18n, 'ar');
    expect(ar('decisions.list.summary', { count: 2, page: 1, pages: 1 })).toContain('نتيجتان');
    expect(ar('sessions.card.minutes', { minutes: 5 })).not.toMatch(/[\u2068\u2069]/);
  });

  it('sets rtl at the root of an Arabic card, and isolates each run of text there', () => {
    const card = renderDeleteConfirmCard(translator(i18n, 'ar'), { teamId: 'T', item });
    expect(card.rtl).toBe(true);
    const runs = textRuns(card);
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs.filter((r) => r.trim() !== '')) expect(run).toMatch(/^\u2068[^]*\u2069$/);
    expect(runs.join('')).toContain('Rotate VPN keys');
  });

  it('leaves rtl unset on a card in any other language, and its runs as they were', () => {
    for (const lang of ['en', 'fr', 'es', 'ru', 'zh']) {
      const card = renderDeleteConfirmCard(translator(i18n, lang), { teamId: 'T', item });
      expect({ lang, rtl: card.rtl }).toEqual({ lang, rtl: undefined });
      expect(JSON.stringify(card)).not.toMatch(/[\u2068\u2069]/);
    }
  });

  it("isolates a reference in the tab's Arabic messages too, and leaves English and counts alone", () => {
    expect(message(tabAr, 'wpSaved', { ref: 'A-12' })).toContain(`${FSI}A-12${PDI}`);
    expect(message(tabEn, 'wpSaved', { ref: 'A-12' })).toBe('A-12 saved.');
    expect(message(tabAr, 'wpShown', { count: 2 })).toBe('مهمتان');
  });

  it('isolates a Latin session title beside its Arabic date in a picker, and nowhere else', () => {
    const session = { id: 's1', title: 'Spring plenary (draft)', at: new Date('2027-03-14T09:00:00Z'), timeZone: 'Europe/Zurich' };
    expect(optionTitle(session, 'ar')).toMatch(/^\u2068Spring plenary \(draft\)\u2069 — /);
    expect(optionTitle(session, 'en')).toBe('Spring plenary (draft) — Mar 14, 2027');
  });
});
