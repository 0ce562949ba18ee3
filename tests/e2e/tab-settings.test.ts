import { testRepositories } from '../support/storage';
/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { createRepositories } from '../../bot/src/platform/storage/repositories';
import { TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { en } from '../../tab/src/lib/messages.en';
import { fr } from '../../tab/src/lib/messages.fr';
import { devIdentity, signedInPage } from '../support/tab';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { accessibilityViolations, eventually, launchBrowser, screenshot } from '../support/browser';

jest.setTimeout(60_000);

const group = { tenantId: TENANT_ID, teamId: TEAM.id };

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
    const page = await signedInPage(browser, devIdentity(who), { width: opts.width ?? 1024, height: 800, theme: opts.theme ?? '' });
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

  const stored = () => testRepositories(h.service.tables).workPlan.settings.get(group);
  const api = async (who: keyof typeof USERS, method: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${h.service.url}/api/tab/settings`, {
      method,
      headers: { 'x-quorum-dev-user': `${TENANT_ID}:${USERS[who].aadObjectId}`, 'x-quorum-team': TEAM.id, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as { settings: Record<string, unknown>; etag: string | null; error?: { message: string } } };
  };
  const remindersHeading = (page: Page) => page.getByRole('heading', { name: 'Reminders, time zone and organisations' });

  async function pickTimeZone(page: Page, typed: string, zone: string): Promise<void> {
    const box = page.getByRole('combobox', { name: 'Time zone' });
    await box.click();
    await box.fill(typed);
    await page.getByRole('listbox').getByRole('option', { name: zone, exact: true }).click();
    expect(await box.inputValue()).toBe(zone);
  }

  async function addOrganisation(page: Page, name: string): Promise<void> {
    await page.getByRole('textbox', { name: 'Add an organisation' }).fill(name);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('button', { name: `Remove ${name}` }).waitFor();
  }

  it('lets a co-chair change the time zone and the organisations, and the change persists', async () => {
    const page = await open('amina');
    await remindersHeading(page).waitFor();
    expect((await api('amina', 'GET')).json.etag).toBeNull(); // the defaults: nothing stored yet
    await pickTimeZone(page, 'vienna', 'Europe/Vienna');
    await addOrganisation(page, 'ITU');
    await addOrganisation(page, 'UNHCR');
    await addOrganisation(page, 'WHO');
    await page.getByRole('button', { name: 'Remove ITU' }).click();
    await page.getByText('You have unsaved changes.').waitFor();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    expect((await stored())?.value).toMatchObject({ timeZone: 'Europe/Vienna', organisations: ['UNHCR', 'WHO'] });
    // Every feature reads the group's time zone: it follows.
    expect((await createRepositories(h.service.tables).groups.get(group))?.value.timeZone).toBe('Europe/Vienna');
    await screenshot(page, 'settings-reminders-light');
    expect(await accessibilityViolations(page)).toEqual([]);

    // A second change from the same page uses the version it just saved.
    await page.getByRole('button', { name: 'Remove WHO' }).click();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await eventually(stored, (s) => expect(s?.value.organisations).toEqual(['UNHCR']));

    // Opened again, the page shows what is stored.
    const again = await open('amina');
    await remindersHeading(again).waitFor();
    await again.getByRole('button', { name: 'Remove UNHCR' }).waitFor();
    expect(await again.getByRole('combobox', { name: 'Time zone' }).inputValue()).toBe('Europe/Vienna');
    await again.close();
    await page.close();
  });

  it('refuses a time zone that is not one, inline, before anything is sent', async () => {
    const page = await open('amina');
    await remindersHeading(page).waitFor();
    await page.getByRole('combobox', { name: 'Time zone' }).click();
    await page.getByRole('combobox', { name: 'Time zone' }).fill('Mars/Olympus');
    await page.getByText('Choose a time zone from the list').waitFor();
    await page.getByText('No time zone matches.').waitFor();
    expect(await page.getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true);
    expect((await stored())?.value.timeZone).toBe('Europe/Vienna');
    await page.close();
  });

  it("shows the server's catalogued message inline when a setting is refused", async () => {
    const page = await open('amina');
    await remindersHeading(page).waitFor();
    await page.getByRole('textbox', { name: 'Due-soon reminders' }).fill('7, 90');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').filter({ hasText: 'Due-soon reminders: up to 5 whole numbers of days from 1 to 60' }).waitFor();
    expect((await stored())?.value.dueSoonDays).toEqual([7, 1]);
    await page.close();
  });

  it("does not overwrite another co-chair's change: the page reloads their version and says so", async () => {
    const page = await open('amina');
    await remindersHeading(page).waitFor();
    // Meanwhile, another co-chair saves (through the same API, with the version they read).
    const read = await api('amina', 'GET');
    const other = await api('amina', 'PUT', { ...read.json.settings, timeZone: 'America/New_York' }, { 'if-match': read.json.etag! });
    expect(other.status).toBe(200);
    await pickTimeZone(page, 'tokyo', 'Asia/Tokyo');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').filter({ hasText: 'Another co-chair changed these settings after you opened them' }).waitFor();
    await eventually(
      () => page.getByRole('combobox', { name: 'Time zone' }).inputValue(),
      (v) => expect(v).toBe('America/New_York'),
    );
    expect((await stored())?.value.timeZone).toBe('America/New_York');
    await page.close();
  });

  it('shows members a plain note instead of the settings, and the service refuses their changes', async () => {
    const page = await open('sofia');
    await remindersHeading(page).waitFor();
    await page.getByText('Only co-chairs see and change the reminder schedule').waitFor();
    expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Time zone' }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    const before = await stored();
    const res = await api(
      'sofia',
      'PUT',
      { timeZone: 'Asia/Tokyo', digestDay: 'mon', digestTime: '09:00', dueSoonDays: [7, 1], overdueCadence: 'weekly', escalateAfter: 3, workingDays: ['mon'], organisations: ['Sofia Org'] },
      { 'if-match': before!.etag },
    );
    expect(res.status).toBe(403);
    expect((await stored())?.etag).toBe(before!.etag);
    expect((await api('sofia', 'GET')).status).toBe(403);
    await page.close();
  });

  it('follows the dark theme and stays accessible', async () => {
    const page = await open('amina', { theme: 'dark' });
    const background = await page.evaluate(() => getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
    await remindersHeading(page).waitFor();
    await page.getByRole('combobox', { name: 'Time zone' }).waitFor();
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

  it("lets a co-chair choose the channel's language among the six, each named in itself", async () => {
    const page = await open('amina');
    await remindersHeading(page).waitFor();
    const language = page.getByRole('combobox', { name: en.setLanguage });
    expect(await language.inputValue()).toBe('en');
    expect(await language.locator('option').allTextContents()).toEqual(['العربية', 'English', 'Español', 'Français', 'Русский', '中文']);
    await language.selectOption('es');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    expect((await createRepositories(h.service.tables).groups.get(group))?.value.language).toBe('es');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('reads in the language a member chose in chat, instead of their Teams locale', async () => {
    await h.send('personal-message', { from: 'sofia', text: 'langue fr' });
    const page = await signedInPage(browser, devIdentity('sofia'), { width: 1024, height: 800 });
    await page.goto(`${h.service.url}/tab/index.html?view=settings&team=${encodeURIComponent(TEAM.id)}`);
    await page.getByRole('heading', { name: fr.setRemindersTitle }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(await page.getByRole('heading', { name: en.setRemindersTitle }).count()).toBe(0);
    await page.close();
  });
});
