/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { TEAM } from '../fixtures/activities';
import { allAccessibilityViolations, launchBrowser } from '../support/browser';
import { cardsIn, startBotHarness, type BotHarness } from '../support/bot-harness';

jest.setTimeout(180_000);

/**
 * The cards as a Teams client draws them: Microsoft's own renderer (`adaptivecards`, the
 * object model Teams' web client is built on) turns each card into HTML in real Chromium,
 * and axe-core reads the result, every impact, in each of the six languages (Arabic drawn
 * right to left). An input without a label, an image without alternative text or a button
 * without a name is found here as a screen-reader user would meet it.
 */
const RENDERER = fs.readFileSync(require.resolve('adaptivecards/dist/adaptivecards.js'), 'utf8');
/** Teams' own colours, fonts and spacing for cards, light and dark (tests/fixtures/adaptive-cards/SOURCE.md). */
const THEMES = ['light', 'dark'].map(
  (theme) => [theme, JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'adaptive-cards', `host-config-teams-${theme}.json`), 'utf8')) as Record<string, unknown>] as const,
);
const LANGUAGES = ['en', 'fr', 'es', 'ar', 'ru', 'zh'] as const;
/** What a co-chair types for each card (English words work in every language). */
const COMMANDS = ['help', 'new item', 'items all', 'item A-1', 'settings', 'cochairs', 'decide', 'decisions', 'decisions verify', 'poll', 'polls', 'session new', 'next session', 'report 2027'];
const POLL_ID = 'p00000000000a11e1';
const SESSION_ID = 's00000000000a11e1';

describe('cards drawn by Microsoft’s renderer pass axe-core', () => {
  let h: BotHarness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    h = await startBotHarness();
    await h.send('bot-added-to-team');
    const act = (verb: string, data: Record<string, unknown>) => h.send('invoke-adaptive-card-action', { from: 'amina', cardAction: { verb, data: { teamId: TEAM.id, ...data } } });
    await act('workplan.item.create', { title: 'Rotate the VPN keys — تدوير المفاتيح', due: '2027-02-01' });
    await act('decision.record', { title: 'Adopt the incident playbook', text: 'Adopted by consensus.', decidedAt: '2027-01-10' });
    await act('session.save', {
      sessionId: SESSION_ID,
      title: 'Executive session 2027',
      startDate: '2027-06-10',
      startTime: '09:00',
      endDate: '',
      endTime: '13:00',
      timeZone: 'UTC',
      place: 'Geneva',
      agenda: 'Opening | Co-chairs | 10',
    });
    await act('poll.create', {
      pollId: POLL_ID,
      question: 'Which workstream leads?',
      options: 'Threat intelligence\nCloud posture',
      kind: 'single',
      visibility: 'live',
      closesDate: '2027-06-01',
      closesTime: '17:00',
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 420, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  /** The cards the bot answers `text` with, in `lang`. */
  async function cardsFor(text: string, lang: string): Promise<unknown[]> {
    h.connector.clear();
    await h.send('personal-message', { from: 'amina', text, locale: lang });
    return cardsIn(h.connector.activities()).map((c) => JSON.parse(c) as unknown);
  }

  /** Draws `card` with the renderer and Teams' host config in a page of the card's language, and returns axe-core's findings. */
  async function drawn(card: unknown, lang: string, hostConfig: Record<string, unknown>): Promise<string[]> {
    await page.setContent(`<!doctype html><html lang="${lang}"><head><title>Quorum card</title></head><body><main><h1>Quorum</h1><div id="card"></div></main></body></html>`);
    await page.evaluate(RENDERER);
    const rendered = await page.evaluate(
      ([c, config]) => {
        type Card = { hostConfig: unknown; parse(c: unknown): void; render(): HTMLElement | undefined };
        const AdaptiveCards = (window as unknown as { AdaptiveCards: { AdaptiveCard: new () => Card; HostConfig: new (json: unknown) => unknown } }).AdaptiveCards;
        const card = new AdaptiveCards.AdaptiveCard();
        card.hostConfig = new AdaptiveCards.HostConfig(config);
        card.parse(c);
        const el = card.render();
        if (el) document.getElementById('card')!.appendChild(el);
        return Boolean(el);
      },
      [card, hostConfig] as const,
    );
    if (!rendered) return ['the renderer drew nothing'];
    return (await allAccessibilityViolations(page)).map((v) => `axe ${v.id} [${v.impact}] ${v.help}: ${v.nodes.slice(0, 2).join(' | ')}`);
  }

  it.each(LANGUAGES)('in %s', async (lang) => {
    const findings: string[] = [];
    const pollCard = (
      (await h.send('invoke-adaptive-card-action', { from: 'sofia', locale: lang, cardAction: { verb: 'poll.view', data: { teamId: TEAM.id, pollId: POLL_ID } } })).body as { value: unknown }
    ).value;
    const cards: [string, unknown][] = [['poll card', pollCard]];
    for (const text of COMMANDS) for (const card of await cardsFor(text, lang)) cards.push([text, card]);
    expect(cards.length).toBeGreaterThan(COMMANDS.length);
    for (const [theme, hostConfig] of THEMES) for (const [name, card] of cards) for (const f of await drawn(card, lang, hostConfig)) findings.push(`${name} (${theme}): ${f}`);
    expect(findings).toEqual([]);
  });
});
