/// <reference lib="dom" />
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { devIdentity, signedInPage } from '../support/tab';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { accessibilityViolations, launchBrowser, screenshot } from '../support/browser';

jest.setTimeout(60_000);

/** The reports view the chat's `report` card links to: downloads with the caller's credentials. */
describe('tab: reports', () => {
  let h: BotHarness;
  let browser: Browser;
  const year = String(new Date().getFullYear());

  beforeAll(async () => {
    h = await startBotHarness();
    await h.send('bot-added-to-team');
    const res = await fetch(`${h.service.url}/api/tab/decisions`, {
      method: 'POST',
      headers: { 'x-quorum-dev-user': `${TENANT_ID}:${USERS.amina.aadObjectId}`, 'x-quorum-team': TEAM.id, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Adopt the <b>incident</b> playbook', text: 'Adopted by consensus.' }),
    });
    expect(res.status).toBe(201);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  async function open(theme = ''): Promise<Page> {
    const page = await signedInPage(browser, devIdentity('sofia'), { width: 1024, height: 800, theme: theme, acceptDownloads: true });
    await page.goto(`${h.service.url}/tab/index.html?view=reports&report=year&year=${year}&team=${encodeURIComponent(TEAM.id)}`);
    await page.getByRole('heading', { name: 'Yearly report' }).waitFor();
    return page;
  }

  it('lets a member download the yearly report, with the data in it, shown literally', async () => {
    const page = await open();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Markdown' }).last().click()]);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    expect(text).toContain(year);
    expect(text).toContain('incident');
    expect(text).not.toContain('<b>incident</b>');
    await screenshot(page, 'reports-light');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('follows the dark theme and stays accessible', async () => {
    const page = await open('dark');
    // Fluent's dark theme paints the page background dark.
    const background = await page.evaluate(() => getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
    await screenshot(page, 'reports-dark');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('says there is no session to report on yet', async () => {
    const page = await open();
    await page.getByText('No session has been planned yet.').waitFor();
    await page.close();
  });
});
