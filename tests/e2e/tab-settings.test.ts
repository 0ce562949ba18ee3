/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { createRepositories } from '../../bot/src/storage/repositories';
import { TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { accessibilityViolations, launchBrowser, screenshot } from '../support/browser';

jest.setTimeout(60_000);

/** The tab in real Chromium against the real service (local development identity). */
describe('tab: settings', () => {
  let h: BotHarness;
  let browser: Browser;

  beforeAll(async () => {
    h = await startBotHarness();
    await h.send('bot-added-to-team');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  async function open(who: keyof typeof USERS, opts: { theme?: string; width?: number } = {}): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: opts.width ?? 1024, height: 800 } });
    await page.addInitScript(
      ([user, theme]) => {
        localStorage.setItem('quorum.devUser', user!);
        if (theme) localStorage.setItem('quorum.theme', theme);
      },
      [`${TENANT_ID}:${USERS[who].aadObjectId}`, opts.theme ?? ''],
    );
    await page.goto(`${h.service.url}/tab/index.html?view=settings&team=${encodeURIComponent(TEAM.id)}`);
    await page.getByRole('heading', { name: 'Co-chairs' }).waitFor();
    return page;
  }

  it('says plainly it is in local development mode, outside Teams', async () => {
    const page = await open('sofia');
    await page.getByText('Local development mode').waitFor();
    await page.close();
  });

  it('lets a co-chair make a member co-chair, and the change persists', async () => {
    const page = await open('amina');
    await page.getByRole('combobox', { name: 'Choose a member' }).click();
    await page.getByRole('option', { name: 'Lars Eriksen' }).click();
    await page.getByRole('button', { name: 'Make co-chair' }).click();
    await page.getByRole('button', { name: 'Remove' }).waitFor();
    const repos = createRepositories(h.service.tables);
    expect((await repos.members.get({ tenantId: TENANT_ID, teamId: TEAM.id }, USERS.lars.aadObjectId))?.value.role).toBe('co-chair');
    await screenshot(page, 'settings-light');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('tells someone whose team does not have Quorum yet what to do, as information rather than an error', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
    await page.addInitScript((user) => localStorage.setItem('quorum.devUser', user), `${TENANT_ID}:7f4d9e1a-3c5b-4a0d-9e7f-91a2b3c4d5e6`);
    await page.goto(`${h.service.url}/tab/index.html`);
    await page.getByText("Quorum isn't set up here yet").waitFor();
    await page.getByText('Ask a co-chair to add Quorum').waitFor();
    expect(await page.getByText('Something went wrong').count()).toBe(0);
    await page.close();
  });

  it('shows members the list without the controls', async () => {
    const page = await open('sofia');
    await page.getByText('Only co-chairs can change this.').waitFor();
    expect(await page.getByRole('button', { name: 'Make co-chair' }).count()).toBe(0);
    await page.close();
  });

  it('follows the dark theme and stays accessible', async () => {
    const page = await open('amina', { theme: 'dark' });
    const background = await page.evaluate(() => getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
    await screenshot(page, 'settings-dark');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('is usable in a 320 px meeting side panel (no horizontal scrolling)', async () => {
    const page = await open('amina', { width: 320 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'settings-side-panel');
    await page.close();
  });
});
