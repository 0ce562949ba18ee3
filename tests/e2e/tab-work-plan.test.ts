import type { ActionItemRepository } from '../../bot/src/features/work-plan/domain/ports';
import { testRepositories } from '../support/storage';
/// <reference lib="dom" />
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { tabApi, devIdentity, signedInPage } from '../support/tab';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { accessibilityViolations, SCREENSHOTS, eventually, launchBrowser, screenshot } from '../support/browser';
import { mapLimit } from '../../bot/src/kernel/map-limit';

jest.setTimeout(120_000);

type Who = keyof typeof USERS;
const ORGS = ['ITU', 'UNICEF', 'WFP', 'UNHCR', 'WHO'];
const PRIORITIES = ['low', 'medium', 'high', 'critical'];
const OWNERS: (Who | undefined)[] = ['amina', 'lars', 'sofia', undefined];
const ITEMS = 300;
const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const title = (n: number) => `Control review #${String(n).padStart(3, '0')}`;
/** Item n (in seeding order) got the number the server gave it: creations run concurrently. */
const numbers: number[] = [];
const ref = (n: number) => `A-${numbers[n]}`;

/** The work-plan view in real Chromium against the real service, with 300 action items. */
describe('tab: work-plan and my items', () => {
  let h: BotHarness;
  let browser: Browser;
  let repo: ActionItemRepository;

  const api = tabApi(() => h.service.url);
  const storedNumber = async (number: number) => (await repo.get(group, number))!.value;
  const stored = async (n: number) => storedNumber(numbers[n]!);
  const patch = async (who: Who, n: number, body: Record<string, unknown>) => {
    const { json } = await api<{ etag: string }>(who, 'GET', `items/${ref(n)}`);
    const res = await api(who, 'PATCH', `items/${ref(n)}`, body, { 'if-match': json.etag });
    if (res.status !== 200) throw new Error(`PATCH ${ref(n)}: ${res.status} ${JSON.stringify(res.json)}`);
  };

  beforeAll(async () => {
    h = await startBotHarness();
    await h.send('bot-added-to-team');
    repo = testRepositories(h.service.tables).workPlan.items;
    const settings = await api<{ settings: Record<string, unknown> }>('amina', 'GET', 'settings');
    expect((await api('amina', 'PUT', 'settings', { ...settings.json.settings, organisations: ORGS })).status).toBe(200);
    // Amina's organisation, set the way a co-chair does it in chat (a card action).
    const org = await h.send('invoke-adaptive-card-action', {
      from: 'amina',
      cardAction: { verb: 'workplan.settings.member-org', data: { teamId: TEAM.id, memberId: USERS.amina.aadObjectId, memberOrganisation: 'ITU' } },
    });
    expect(org.status).toBe(200);
    await mapLimit(
      Array.from({ length: ITEMS }, (_, i) => i + 1),
      16,
      async (n) => {
        const owner = OWNERS[n % OWNERS.length];
        const due = new Date(Date.UTC(2027, 0, 1 + (n % 200))).toISOString().slice(0, 10);
        const res = await api<{ item: { number: number } }>('amina', 'POST', 'items', {
          title: title(n),
          description: `Review of control ${n} for the annual assessment.`,
          ...(owner ? { ownerId: USERS[owner].aadObjectId } : {}),
          organisation: ORGS[n % ORGS.length],
          priority: PRIORITIES[n % PRIORITIES.length],
          due,
          area: n % 2 ? 'Network' : 'Identity',
        });
        if (res.status !== 201) throw new Error(`create ${n}: ${res.status} ${JSON.stringify(res.json)}`);
        numbers[n] = res.json.item.number;
      },
    );
    // Some items further along, so the counts by status differ.
    await mapLimit(
      Array.from({ length: 40 }, (_, i) => i + 1),
      8,
      async (k) => patch('amina', k * 7, { status: (['done', 'in-progress', 'blocked', 'dropped'] as const)[k % 4], progress: 50 }),
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  async function open(who: Who, opts: { theme?: string; width?: number; view?: string } = {}): Promise<Page> {
    const page = await signedInPage(browser, devIdentity(who), { width: opts.width ?? 1280, height: 900, theme: opts.theme ?? '' });
    await page.goto(`${h.service.url}/tab/index.html?team=${encodeURIComponent(TEAM.id)}${opts.view ? `&view=${opts.view}` : ''}`);
    return page;
  }
  /**
   * axe-core over the grid narrowed to one status (the same components, ten rows): over all
   * 300 rows one run takes ~40 s and checks nothing more.
   */
  async function expectAccessible(page: Page): Promise<void> {
    await page.getByLabel('Status', { exact: true }).selectOption('blocked');
    await page.getByText(/^1\d items$/).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  }
  const row = (page: Page, n: number) => page.getByRole('row').filter({ hasText: title(n) });

  it('opens on the work-plan grid with all 300 items and their counts by status', async () => {
    const page = await open('amina');
    await page.getByText(`${ITEMS} items`).waitFor();
    await page.getByRole('table', { name: 'Work-plan' }).waitFor();
    expect(await page.getByRole('row').count()).toBe(ITEMS + 1);
    // 40 patched: 10 of each of in-progress, blocked, done, dropped.
    await page.getByRole('button', { name: 'Blocked: 10' }).waitFor();
    await page.getByRole('button', { name: `Open: ${ITEMS - 40}` }).waitFor();
    await screenshot(page, 'work-plan-light');
    await expectAccessible(page);
    await page.close();
  });

  it('lays the filter row out without overlap at every common width, each label on top and readable', async () => {
    for (const width of [1024, 1280, 1400, 1600, 1920]) {
      const page = await open('amina', { width });
      await page.getByText(`${ITEMS} items`).waitFor();
      // Each field and the control inside it: a control wider than its field spills over the next one.
      const boxes = await page.locator('fieldset > *:not(legend)').evaluateAll((els) =>
        els.flatMap((el) => {
          const label = el.querySelector('label');
          const l = label?.getBoundingClientRect();
          // What a person sees at the middle of the label: the label itself, or something on top of it.
          const top = l ? document.elementFromPoint(l.left + l.width / 2, l.top + l.height / 2) : null;
          const labelOnTop = !label || (top !== null && label.contains(top));
          const text = label?.textContent ?? el.textContent ?? '';
          const control = el.querySelector('select, input:not([type=checkbox]), button') ?? el;
          return [control.getBoundingClientRect()].map((r) => ({ text, x: r.left, y: r.top, w: r.width, h: r.height, labelOnTop }));
        }),
      );
      if (width === 1400)
        await page
          .locator('fieldset')
          .first()
          .screenshot({ path: `${SCREENSHOTS}/work-plan-filters-1400.png` });
      for (const b of boxes) expect({ width, label: b.text, onTop: b.labelOnTop }).toEqual({ width, label: b.text, onTop: true });
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i]!, boxes[j]!];
          const overlap = a.x < b.x + b.w - 1 && b.x < a.x + a.w - 1 && a.y < b.y + b.h - 1 && b.y < a.y + a.h - 1;
          expect({ width, pair: [a.text, b.text], overlap }).toEqual({ width, pair: [a.text, b.text], overlap: false });
        }
      await page.close();
    }
  });

  it('filters by organisation, priority, due range and status on the server, and sorts', async () => {
    const page = await open('amina');
    await page.getByText(`${ITEMS} items`).waitFor();
    await page.getByLabel('Organisation', { exact: true }).selectOption('WFP');
    await page.getByLabel('Priority', { exact: true }).selectOption('critical');
    // n % 5 == 2 (WFP) and n % 4 == 3 (critical): n ≡ 7 (mod 20) → 15 items.
    await page.getByText('15 items').waitFor();
    const cells = await page.getByRole('row').filter({ hasText: 'Control review' }).allInnerTexts();
    expect(cells.every((c) => c.includes('WFP') && c.includes('Critical'))).toBe(true);
    await page.getByLabel('Due from').fill('2027-01-01');
    await page.getByLabel('Due to').fill('2027-01-31');
    // due day = n % 200 → January: n % 200 < 31 → n ∈ {7, 27, 207, 227}.
    await page.getByText('4 items').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText(`${ITEMS} items`).waitFor();
    await page.getByLabel('Status', { exact: true }).selectOption('blocked');
    await page.getByText('10 items').waitFor();
    await page.getByRole('columnheader', { name: 'Ref' }).click();
    await page.getByRole('columnheader', { name: 'Ref' }).click();
    // Blocked: n = 7k with k % 4 == 2; newest number first.
    const blocked = Array.from({ length: 40 }, (_x, i) => i + 1)
      .filter((k) => k % 4 === 2)
      .map((k) => numbers[7 * k]!);
    await eventually(
      () => page.getByRole('row').nth(1).innerText(),
      (v) => expect(v).toMatch(new RegExp(`^A-${Math.max(...blocked)}\\s`)),
    );
    // Screen readers hear the order from the header.
    expect(await page.getByRole('columnheader', { name: 'Ref' }).getAttribute('aria-sort')).toBe('descending');
    expect(await page.getByRole('columnheader', { name: 'Due' }).getAttribute('aria-sort')).toBe('none');
    await page.close();
  });

  it('opens on the list a card links to (the digest\'s "and 90 more"): its filters come from the address', async () => {
    const page = await open('lars', { view: 'work-plan&status=blocked&dueFrom=2027-01-01&dueTo=2027-01-31' });
    // Blocked: n = 7k with k % 4 == 2; due in January: n % 200 < 31 → n ∈ {14, 210}.
    await page.getByText('2 items').waitFor();
    expect(await page.getByLabel('Status', { exact: true }).inputValue()).toBe('blocked');
    expect(await page.getByLabel('Due to').inputValue()).toBe('2027-01-31');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText(`${ITEMS} items`).waitFor();
    await page.close();
  });

  it("offers 'only my organisation' to someone whose organisation is known, filtered on the server", async () => {
    const page = await open('amina'); // Amina is in ITU (n % 5 == 0: 60 items)
    await page.getByText(`${ITEMS} items`).waitFor();
    await page.getByRole('checkbox', { name: 'Only my organisation (ITU)' }).check();
    await page.getByText('60 items').waitFor();
    expect(await page.getByLabel('Organisation', { exact: true }).inputValue()).toBe('ITU');
    const cells = await page.getByRole('row').filter({ hasText: 'Control review' }).allInnerTexts();
    expect(cells.length).toBe(60);
    expect(cells.every((c) => c.includes('ITU'))).toBe(true);
    await page.close();
    const member = await open('sofia'); // no organisation recorded for Sofia
    await member.getByText(`${ITEMS} items`).waitFor();
    expect(await member.getByRole('checkbox', { name: /Only my organisation/ }).count()).toBe(0);
    await member.close();
  });

  it('edits from the ETag the list gave: no second read of the item before saving', async () => {
    const page = await open('amina');
    await page.getByText(`${ITEMS} items`).waitFor();
    const calls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes(`/api/tab/items/${ref(6)}`)) calls.push(`${r.method()} ${r.headers()['if-match'] ?? ''}`);
    });
    await page.getByRole('button', { name: `Edit ${ref(6)}`, exact: true }).click();
    await page.getByLabel(`Progress ${ref(6)}`).fill('15');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(`${ref(6)} saved.`).waitFor();
    expect((await stored(6)).progress).toBe(15);
    expect(calls).toEqual([expect.stringMatching(/^PATCH \S+/)]);
    await page.close();
  });

  it('lets a co-chair edit status, progress and due in the grid, and the change persists', async () => {
    const page = await open('amina');
    await page.getByText(`${ITEMS} items`).waitFor();
    await page.getByRole('button', { name: `Edit ${ref(3)}`, exact: true }).click();
    await page.getByLabel(`Status ${ref(3)}`).selectOption('blocked');
    await page.getByLabel(`Progress ${ref(3)}`).fill('40');
    await page.getByLabel(`Due ${ref(3)}`).fill('2027-05-20');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(`${ref(3)} saved.`).waitFor();
    await eventually(
      () => row(page, 3).innerText(),
      (v) => expect(v).toContain('Blocked'),
    );
    expect(await stored(3)).toMatchObject({ status: 'blocked', progress: 40, due: '2027-05-20' });
    await page.close();
  });

  it('shows a member the server’s refusal inline when they change an item’s priority', async () => {
    // Sofia owns item 2 (n % 4 == 2).
    const before = await stored(2);
    const page = await open('sofia');
    await page.getByText(`${ITEMS} items`).waitFor();
    expect(await page.getByRole('button', { name: `Edit ${ref(1)}`, exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: `Edit ${ref(2)}`, exact: true }).click();
    await page.getByLabel(`Priority ${ref(2)}`).selectOption('critical');
    await page.getByRole('button', { name: 'Save' }).click();
    const alert = row(page, 2).getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/co-chair/i);
    expect((await stored(2)).priority).toBe(before.priority);
    await page.close();
  });

  it('says so and reloads when someone else changed the item meanwhile (409)', async () => {
    const page = await open('amina');
    await page.getByText(`${ITEMS} items`).waitFor();
    const progress = page.getByLabel(`Progress ${ref(5)}`);
    await page.getByRole('button', { name: `Edit ${ref(5)}`, exact: true }).click();
    await progress.waitFor();
    await eventually(
      () => progress.isEnabled(),
      (v) => expect(v).toBe(true),
    );
    await patch('lars', 5, { progress: 70 }); // Lars owns item 5 (n % 4 == 1)
    await progress.fill('10');
    await page.getByRole('button', { name: 'Save' }).click();
    await row(page, 5)
      .getByText(`Someone else changed ${ref(5)} meanwhile`)
      .waitFor();
    expect(await progress.inputValue()).toBe('70');
    expect((await stored(5)).progress).toBe(70);
    await page.close();
  });

  it('creates an item from the dialog and exports the filtered items as CSV', async () => {
    const page = await open('sofia');
    await page.getByText(`${ITEMS} items`).waitFor();
    await page.getByRole('button', { name: 'New action item' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title').fill('Publish the incident playbook');
    await dialog.getByLabel('Organisation').fill('WHO');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByText(`A-${ITEMS + 1} created.`).waitFor();
    expect(await storedNumber(ITEMS + 1)).toMatchObject({ title: 'Publish the incident playbook', organisation: 'WHO', createdBy: USERS.sofia.aadObjectId });
    await page.getByLabel('Organisation', { exact: true }).selectOption('UNHCR');
    await page.getByText('60 items').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = fs
      .readFileSync((await download.path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv.length).toBe(61);
    expect(csv.slice(1).every((l) => l.includes('UNHCR'))).toBe(true);
    await page.close();
  });

  it('shows a change made by someone else in chat within 5 s, without reloading', async () => {
    const page = await open('amina');
    await page.getByText(/^\d+ items$/).waitFor();
    expect(await row(page, 10).innerText()).toContain('Open');
    // Sofia owns item 10 and marks it done on its card in chat.
    const res = await h.send('invoke-adaptive-card-action', { from: 'sofia', cardAction: { verb: 'workplan.item.done', data: { teamId: TEAM.id, itemId: numbers[10] } } });
    expect(res.status).toBe(200);
    expect((await stored(10)).status).toBe('done');
    await eventually(
      () => row(page, 10).innerText(),
      (v) => expect(v).toContain('Done'),
    );
    await page.close();
  });

  it('follows the dark theme and stays accessible', async () => {
    const page = await open('amina', { theme: 'dark' });
    await page.getByText(/^\d+ items$/).waitFor();
    const background = await page.evaluate(() => getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
    await screenshot(page, 'work-plan-dark');
    await expectAccessible(page);
    await page.close();
  });

  it('is usable in a 320 px side panel: a compact list, editable, no horizontal scrolling', async () => {
    const page = await open('amina', { width: 320 });
    await page.getByText(/^\d+ items$/).waitFor();
    expect(await page.getByRole('table', { name: 'Work-plan' }).count()).toBe(0);
    const item = page.getByRole('listitem').filter({ hasText: title(11) });
    await item.getByRole('button', { name: `Edit ${ref(11)}` }).click();
    await item.getByLabel(`Progress ${ref(11)}`).fill('35');
    await item.getByRole('button', { name: 'Save' }).click();
    await page.getByText(`${ref(11)} saved.`).waitFor();
    expect((await stored(11)).progress).toBe(35);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 320, height: 900 });
    await screenshot(page, 'work-plan-side-panel');
    await expectAccessible(page);
    await page.close();
  });

  it('shows the personal tab: my open items and my organisation’s, light and dark', async () => {
    for (const theme of ['default', 'dark']) {
      const page = await open('amina', { view: 'my-items', theme });
      await page.getByRole('heading', { name: 'My open items' }).waitFor();
      await page.getByRole('heading', { name: 'Open items of ITU' }).waitFor();
      const mine = page.getByRole('list', { name: 'My open items' });
      await mine.getByText(title(4)).waitFor();
      // Amina owns n % 4 == 0; item 28 was closed (28 = 7 × 4, k = 4 → done).
      expect(await mine.getByText(title(28)).count()).toBe(0);
      await page.getByRole('list', { name: 'Open items of ITU' }).getByText(title(5)).waitFor();
      expect(await page.getByRole('tab', { name: 'My items' }).count()).toBe(1);
      await screenshot(page, `my-items-${theme === 'dark' ? 'dark' : 'light'}`);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.close();
    }
  });

  it('shows a member their organisation’s open items once a co-chair has recorded it (members cannot read the settings)', async () => {
    const org = await h.send('invoke-adaptive-card-action', {
      from: 'amina',
      cardAction: { verb: 'workplan.settings.member-org', data: { teamId: TEAM.id, memberId: USERS.sofia.aadObjectId, memberOrganisation: 'WFP' } },
    });
    expect(org.status).toBe(200);
    const page = await open('sofia', { view: 'my-items' });
    // Item 7: WFP (n % 5 == 2), no owner, in progress.
    await page.getByRole('list', { name: 'Open items of WFP' }).getByText(title(7)).waitFor();
    await page.close();
  });
});
