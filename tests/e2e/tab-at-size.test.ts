/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { allAccessibilityViolations, launchBrowser, screenshot } from '../support/browser';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { layoutFindings } from '../support/layout-findings';
import { addDays, SIZE, textOf } from '../support/realistic-group';
import { seedRealisticGroup } from '../support/realistic-seed';
import { testRepositories } from '../support/storage';
import { devIdentity, signedInPage } from '../support/tab';
import { ar } from '../../tab/src/lib/messages.ar';
import { en } from '../../tab/src/lib/messages.en';
import { fr } from '../../tab/src/lib/messages.fr';

// The realistic group is seeded through the running service: give the setup room.
jest.setTimeout(600_000);

/**
 * The tab for the group at its real size (tests/support/realistic-group.ts: 250 members in 60
 * organisations, 500 items, 100 decisions, a poll of 20 long options with 1,000 voters, a
 * session of 40 agenda items), in real Chromium against the real service, in English, French
 * and Arabic, in a meeting's side panel (320 px) and full width: every view loads the whole of
 * it, shows the counts a co-chair reads, scrolls nowhere sideways, cuts no text off, and is
 * axe-core clean (every impact).
 */
const CATALOGS = { en, fr, ar } as const;
type Lang = keyof typeof CATALOGS;
const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const today = new Date().toISOString().slice(0, 10);
const SESSION_ID = 's00000000000051a1';
const POLL_ID = 'p00000000000051a1';
/**
 * A meeting's side panel (320 px) in each language, and full width in French, whose words run
 * longest: the pairs where text has been found cut off or pushing the page sideways.
 */
const LAYOUTS: [lang: Lang, width: number][] = [
  ['en', 320],
  ['fr', 320],
  ['fr', 1280],
  ['ar', 320],
];

/** A catalogue message with its `{placeholders}` filled, numbers as the language writes them. */
function message(lang: Lang, key: keyof typeof en, values: Record<string, number | string>): string {
  const text: string = CATALOGS[lang][key];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = values[k]!;
    return typeof v === 'number' ? new Intl.NumberFormat(lang).format(v) : v;
  });
}

/** Each view, and what on it says the whole group has loaded. */
const VIEWS: [view: string, ready: (lang: Lang) => string | undefined][] = [
  ['work-plan', (l) => message(l, 'wpShown', { count: SIZE.items })],
  ['decisions', () => undefined],
  ['polls', () => textOf('Quelle option le groupe retient-il', 20)],
  ['session', () => textOf('Session exécutive', 17)],
  ['my-items', () => undefined],
  ['reports', () => undefined],
  ['settings', () => undefined],
];

describe('tab: the group at its real size', () => {
  let h: BotHarness;
  let browser: Browser;

  beforeAll(async () => {
    h = await startBotHarness({ ALLOWED_TENANT_IDS: TENANT_ID });
    await h.send('bot-added-to-team');
    const execute = async (verb: string, data: Record<string, unknown>) =>
      ((await h.send('invoke-adaptive-card-action', { from: 'amina', cardAction: { verb, data: { teamId: TEAM.id, ...data } } })).body as { value?: unknown }).value;
    await seedRealisticGroup(testRepositories(h.service.tables), execute, {
      group,
      today,
      by: USERS.amina.aadObjectId,
      sessions: [{ id: SESSION_ID, startDate: addDays(today, 10) }],
      polls: [{ id: POLL_ID, closesDate: addDays(today, 7), sessionId: SESSION_ID }],
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  async function visit(page: Page, lang: Lang, view: string, ready?: string): Promise<void> {
    await page.goto(`${h.service.url}/tab/index.html?team=${encodeURIComponent(TEAM.id)}&view=${view}&locale=${lang}`);
    await page.locator('main').waitFor();
    await page.locator('[role="progressbar"]').first().waitFor({ state: 'detached', timeout: 30_000 });
    if (ready) await page.getByText(ready).first().waitFor({ timeout: 30_000 });
  }

  it.each(LAYOUTS)('in %s at %i px every view loads the whole group: nothing sideways, nothing cut off, no axe-core finding', async (lang, width) => {
    const findings: string[] = [];
    const page = await signedInPage(browser, devIdentity('amina'), { width, height: 900 });
    for (const [view, ready] of VIEWS) {
      await visit(page, lang, view, ready(lang));
      await screenshot(page, `at-size-${view}-${lang}-${width}`);
      for (const f of await layoutFindings(page)) findings.push(`${view}: ${f}`);
      for (const v of await allAccessibilityViolations(page)) findings.push(`${view}: axe ${v.id} [${v.impact}] ${v.help}: ${v.nodes.slice(0, 3).join(' | ')}`);
    }
    await page.close();
    expect(findings).toEqual([]);
  });
});
