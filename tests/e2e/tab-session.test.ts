import type { LiveStateRepository } from '../../bot/src/features/sessions/domain/live-state';
import type { ActionItemRepository } from '../../bot/src/features/work-plan/domain/ports';
import { testRepositories } from '../support/storage';
/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { devIdentity, signedInPage, tabApi } from '../support/tab';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { accessibilityViolations, eventually, launchBrowser, screenshot } from '../support/browser';

jest.setTimeout(120_000);

type Who = keyof typeof USERS;
const OWNERS: (Who | undefined)[] = [undefined, 'lars', 'sofia', undefined];
const ORGS = ['ITU', 'UNICEF', 'WFP', 'UNHCR', 'WHO'];
const PRIORITIES = ['low', 'medium', 'high', 'critical'];
const CARRIED = 30;
const SESSION_ID = 's0e2e0000000000aa';
const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const AGENDA = [
  ['Opening and adoption of the agenda', 'Co-chairs', 10],
  ['Work-plan review', 'Co-chairs', 45],
  ['Threat landscape 2027', 'UNICC', 30],
  ['Incident response exercise: lessons learned', 'WFP', 20],
  ['Cloud security baseline', 'UNICEF', 25],
  ['Identity federation across agencies', 'ITU', 20],
  ['Budget and secretariat', 'Co-chairs', 15],
  ['Any other business', '', 0],
] as const;
const title = (n: number) => `Carried item #${String(n).padStart(2, '0')}`;

/** The session view in real Chromium against the real service: side panel, content and meeting stage. */
describe('tab: session view', () => {
  let h: BotHarness;
  let browser: Browser;
  let items: ActionItemRepository;
  let live: LiveStateRepository;

  const api = tabApi(() => h.service.url);

  /** Plans the session in chat, as a co-chair does: starting in half an hour, for three hours, in UTC. */
  async function planSession(): Promise<void> {
    const start = new Date(Math.ceil((Date.now() + 30 * 60_000) / 60_000) * 60_000);
    const end = new Date(start.getTime() + 3 * 3_600_000);
    const [startDate, startTime] = start.toISOString().slice(0, 16).split('T');
    const [endDate, endTime] = end.toISOString().slice(0, 16).split('T');
    const agenda = AGENDA.map(([t, who, min]) => `${t} | ${who} | ${min || ''}`).join('\n');
    const res = await h.send('invoke-adaptive-card-action', {
      from: 'amina',
      cardAction: {
        verb: 'session.save',
        data: {
          teamId: TEAM.id,
          sessionId: SESSION_ID,
          title: 'Executive session 2027',
          startDate,
          startTime,
          endDate,
          endTime,
          timeZone: 'UTC',
          place: 'Palais des Nations, Room XVII',
          onlineUrl: 'https://teams.microsoft.com/l/meetup-join/abc',
          agenda,
        },
      },
    });
    expect(JSON.stringify(res.body)).toContain('Session saved');
  }

  beforeAll(async () => {
    h = await startBotHarness();
    await h.send('bot-added-to-team');
    items = testRepositories(h.service.tables).workPlan.items;
    live = testRepositories(h.service.tables).sessions.live;
    // Open items carried forward from earlier sessions (created in order: A-1 … A-30).
    for (let n = 1; n <= CARRIED; n++) {
      const owner = OWNERS[n % OWNERS.length];
      const res = await api('amina', 'POST', 'items', {
        title: title(n),
        description: `Follow-up ${n} from the previous session.`,
        ...(owner ? { ownerId: USERS[owner].aadObjectId } : {}),
        organisation: ORGS[n % ORGS.length],
        priority: PRIORITIES[n % PRIORITIES.length],
        due: new Date(Date.UTC(2027, 2, n)).toISOString().slice(0, 10),
        progress: (n * 7) % 100,
      });
      if (res.status !== 201) throw new Error(`create ${n}: ${res.status} ${JSON.stringify(res.json)}`);
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  async function open(who: Who, opts: { frame?: 'sidePanel' | 'meetingStage'; theme?: string; width?: number; locale?: string } = {}): Promise<Page> {
    const width = opts.width ?? (opts.frame === 'sidePanel' ? 320 : 1280);
    const page = await signedInPage(browser, devIdentity(who), { width, height: 900, theme: opts.theme ?? '' });
    await page.goto(`${h.service.url}/tab/index.html?team=${encodeURIComponent(TEAM.id)}&${opts.frame ? `frame=${opts.frame}` : 'meeting=1'}${opts.locale ? `&locale=${opts.locale}` : ''}`);
    return page;
  }
  const main = (page: Page) => page.locator('main');
  const agendaItem = (page: Page, n: number) => page.getByRole('list', { name: 'Agenda' }).getByRole('listitem').nth(n);
  const noOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  it('explains how to plan a session when none is planned, then shows the one planned in chat', async () => {
    const chair = await open('amina', { frame: 'sidePanel' });
    await chair.getByText('No session is planned').waitFor();
    await chair.getByText(/type “session new”/).waitFor();
    const member = await open('sofia');
    await member.getByText('No session is planned').waitFor();
    expect(await member.getByText(/Co-chairs plan sessions/).count()).toBe(1);
    await planSession();
    await chair.reload();
    await chair.getByRole('heading', { name: 'Executive session 2027' }).waitFor();
    expect(await agendaItem(chair, 0).innerText()).toContain('Opening and adoption of the agenda');
    expect(await chair.getByRole('list', { name: 'Agenda' }).getByRole('listitem').count()).toBe(AGENDA.length);
    await chair.close();
    await member.close();
  });

  it('opens on the session in a meeting; a co-chair starts the timer and the stage follows within 5 s', async () => {
    const panel = await open('amina', { frame: 'sidePanel' });
    const stage = await open('sofia', { frame: 'meetingStage' });
    await panel.getByRole('tab', { name: 'Session', selected: true }).waitFor();
    await stage.getByText('Now · paused').waitFor();
    await panel.getByRole('button', { name: 'Start timer' }).click();
    await eventually(
      () => stage.getByRole('heading', { name: /^Now · / }).innerText(),
      (v) => expect(v).toBe('Now · running'),
    );
    await panel.getByRole('button', { name: 'Next item' }).click();
    await eventually(
      () => stage.locator('li[aria-current="step"]').innerText(),
      (v) => expect(v).toContain('2. Work-plan review'),
    );
    // The first item's time was banked on it when the meeting moved on.
    const stored = (await live.get(group, SESSION_ID))!.value;
    expect(stored).toMatchObject({ current: 1, updatedBy: USERS.amina.aadObjectId });
    expect(stored.elapsedMs[0]).toBeGreaterThan(0);
    expect(stored.runningSince).toBeInstanceOf(Date);
    await panel.getByRole('button', { name: 'Pause timer' }).click();
    await eventually(
      () => stage.getByRole('heading', { name: /^Now · / }).innerText(),
      (v) => expect(v).toBe('Now · paused'),
    );
    await panel.close();
    await stage.close();
  });

  it('shows over-time clearly, on the stage as in the panel', async () => {
    const current = (await live.get(group, SESSION_ID))!;
    // 47 minutes on "Work-plan review" (45 allotted), paused.
    await live.update({ ...current.value, elapsedMs: current.value.elapsedMs.map((ms, i) => (i === 1 ? 47 * 60_000 : ms)) }, current.etag);
    const stage = await open('sofia', { frame: 'meetingStage' });
    await stage.getByText('Over by 2:00').first().waitFor();
    expect(await stage.locator('li[aria-current="step"]').innerText()).toContain('47:00 of 45 min');
    const panel = await open('amina', { frame: 'sidePanel' });
    await panel.locator('li[aria-current="step"]').getByText('Over by 2:00').waitFor();
    await stage.close();
    await panel.close();
  });

  it('keeps the meeting stage large and read-only: no edit controls, light and dark, accessible', async () => {
    for (const theme of ['default', 'dark']) {
      const stage = await open('amina', { frame: 'meetingStage', theme });
      await stage.getByRole('heading', { name: 'Executive session 2027' }).waitFor();
      await stage.getByText(/^Now · /).waitFor();
      for (const role of ['button', 'textbox', 'combobox', 'spinbutton', 'tab', 'checkbox'] as const) {
        expect(await main(stage).getByRole(role).count()).toBe(0);
      }
      const size = await stage.evaluate(() => parseFloat(getComputedStyle(document.querySelector('li[aria-current="step"] span')!).fontSize));
      expect(size).toBeGreaterThanOrEqual(20);
      await screenshot(stage, `session-stage-${theme === 'dark' ? 'dark' : 'light'}`);
      expect(await accessibilityViolations(stage)).toEqual([]);
      await stage.close();
    }
  });

  it('reviews the carried-forward items one by one; an edit in place persists', async () => {
    const page = await open('amina');
    await page.getByRole('tab', { name: `Review action items (${CARRIED})` }).click();
    await page.getByText(`Item 1 of ${CARRIED}`).waitFor();
    await page.getByRole('article', { name: `A-1 · ${title(1)}` }).waitFor();
    await page.getByRole('button', { name: 'Next item to review' }).click();
    await page.getByText(`Item 2 of ${CARRIED}`).waitFor();
    const card = page.getByRole('article', { name: `A-2 · ${title(2)}` });
    await eventually(
      () => card.getByLabel('Status A-2').isEnabled(),
      (v) => expect(v).toBe(true),
    );
    await card.getByLabel('Status A-2').selectOption('in-progress');
    await card.getByLabel('Progress A-2').fill('60');
    await card.getByLabel('Priority A-2').selectOption('critical');
    await card.getByRole('button', { name: 'Save' }).click();
    await page.getByText('A-2 saved.').waitFor();
    expect((await items.get(group, 2))!.value).toMatchObject({ status: 'in-progress', progress: 60, priority: 'critical' });
    await screenshot(page, 'session-review-light');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows a member the items read-only, and the server’s refusal inline on their own item', async () => {
    const before = (await items.get(group, 6))!.value;
    const page = await open('sofia');
    await page.getByRole('tab', { name: /^Review action items/ }).click();
    // A-1 is Lars's: no fields for Sofia.
    const first = page.getByRole('article', { name: `A-1 · ${title(1)}` });
    await first.getByText('Co-chairs and the item’s owner can change it.').waitFor();
    expect(await first.getByRole('combobox').count()).toBe(0);
    // A-6 is Sofia's (6 % 4 == 2): she may not change its priority.
    for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Next item to review' }).click();
    const own = page.getByRole('article', { name: `A-6 · ${title(6)}` });
    await eventually(
      () => own.getByLabel('Priority A-6').isEnabled(),
      (v) => expect(v).toBe(true),
    );
    await own.getByLabel('Priority A-6').selectOption(before.priority === 'critical' ? 'low' : 'critical');
    await own.getByRole('button', { name: 'Save' }).click();
    await own.getByRole('alert').waitFor();
    expect(await own.getByRole('alert').innerText()).toMatch(/co-chair/i);
    expect((await items.get(group, 6))!.value.priority).toBe(before.priority);
    await page.close();
  });

  it('records a quick decision with the keyboard, tied to the session, and lists it with the new items', async () => {
    const page = await open('amina');
    const form = page.getByRole('form', { name: 'Quick decision' });
    await form.getByLabel('Title').fill('Adopt the cloud security baseline');
    await form.getByLabel('Title').press('Enter');
    await eventually(
      () => page.evaluate(() => document.activeElement?.closest('.fui-Field')?.textContent ?? ''),
      (v) => expect(v).toContain('Decision text'),
    );
    await page.keyboard.type('All member organisations apply the baseline by the end of 2027.');
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog', { name: 'Record this decision?' });
    expect(await confirm.innerText()).toContain('All member organisations apply the baseline by the end of 2027.');
    await page.keyboard.press('Enter');
    await page.getByText(/^D-\d{4}-001 recorded\.$/).waitFor();
    const decisions = page.getByRole('list', { name: 'Decisions' });
    await decisions.getByText(/D-\d{4}-001 · Adopt the cloud security baseline/).waitFor();
    const outcomes = await api<{ decisions: { title: string }[] }>('lars', 'GET', `sessions/${SESSION_ID}/outcomes`);
    expect(outcomes.json.decisions.map((d) => d.title)).toEqual(['Adopt the cloud security baseline']);
    // An item created for the session (in chat or the grid) shows as one of its new items.
    expect((await api('lars', 'POST', 'items', { title: 'Map the baseline to ISO 27001', organisation: 'ITU', sessionId: SESSION_ID })).status).toBe(201);
    await page
      .getByRole('list', { name: 'New action items' })
      .getByText(/Map the baseline to ISO 27001/)
      .waitFor({ timeout: 8000 });
    await screenshot(page, 'session-content-light');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('is usable in a 320 px side panel, light and dark: controls, quick decision, no horizontal scrolling', async () => {
    for (const theme of ['default', 'dark']) {
      const page = await open('amina', { frame: 'sidePanel', theme });
      await page.getByRole('heading', { name: 'Executive session 2027' }).waitFor();
      await page.getByRole('button', { name: 'Start timer' }).waitFor();
      await page.getByRole('form', { name: 'Quick decision' }).getByLabel('Title').waitFor();
      expect(await noOverflow(page)).toBeLessThanOrEqual(0);
      await page.getByRole('tab', { name: /^Review action items/ }).click();
      await page.getByLabel('Status A-1').waitFor();
      expect(await noOverflow(page)).toBeLessThanOrEqual(0);
      await page.getByRole('tab', { name: 'Agenda', exact: true }).click();
      await screenshot(page, `session-panel-${theme === 'dark' ? 'dark' : 'light'}`);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.close();
    }
    const dark = await open('amina', { theme: 'dark' });
    await dark.getByRole('heading', { name: 'Executive session 2027' }).waitFor();
    await dark.getByRole('list', { name: 'Decisions' }).waitFor();
    await screenshot(dark, 'session-content-dark');
    expect(await accessibilityViolations(dark)).toEqual([]);
    await dark.close();
  });

  it('speaks French', async () => {
    const page = await open('sofia', { locale: 'fr-FR' });
    await page.getByText('Prochaine séance').waitFor();
    await page.getByRole('heading', { name: 'Depuis le début de la séance' }).waitFor();
    await page
      .getByRole('list', { name: 'Ordre du jour' })
      .getByText(/sur 45 min/)
      .waitFor();
    await page.getByRole('tab', { name: /^Revue des actions \(\d+\)$/ }).click();
    await page.getByText(/^Action 1 sur \d+$/).waitFor();
    await page.close();
  });

  it('when two co-chairs move the agenda at once, one move wins and the other screen says so and follows it', async () => {
    expect((await api('amina', 'PUT', `cochairs/${USERS.lars.aadObjectId}`, { coChair: true })).status).toBe(200);
    const amina = await open('amina', { frame: 'sidePanel' });
    const lars = await open('lars', { frame: 'sidePanel' });
    await amina.getByRole('button', { name: 'Next item' }).waitFor();
    await lars.getByRole('button', { name: 'Next item' }).waitFor();
    const before = (await live.get(group, SESSION_ID))!.value.current;
    // Amina's screen stops refreshing, so it still holds the state Lars is about to change.
    await amina.route('**/live', (route) => (route.request().method() === 'GET' ? route.abort() : route.continue()));
    await lars.getByRole('button', { name: 'Next item' }).click();
    await eventually(
      async () => (await live.get(group, SESSION_ID))!.value.current,
      (v) => expect(v).toBe(before + 1),
    );
    await amina.getByRole('button', { name: 'Next item' }).click();
    await amina.getByRole('alert').getByText('Another co-chair moved the agenda at the same moment').waitFor();
    expect((await live.get(group, SESSION_ID))!.value).toMatchObject({ current: before + 1, updatedBy: USERS.lars.aadObjectId });
    await amina.unroute('**/live');
    await eventually(
      () => amina.locator('li[aria-current="step"]').innerText(),
      (v) => expect(v).toContain(`${before + 2}. ${AGENDA[before + 1]![0]}`),
    );
    // A timer started by mistake is set back to zero.
    await amina.getByRole('button', { name: 'Start timer' }).click();
    await eventually(
      async () => (await live.get(group, SESSION_ID))!.value.runningSince,
      (v) => expect(v).toBeInstanceOf(Date),
    );
    await amina.getByRole('button', { name: 'Reset this item’s timer' }).click();
    await eventually(
      async () => (await live.get(group, SESSION_ID))!.value.elapsedMs[before + 1],
      (v) => expect(v).toBe(0),
    );
    await amina.close();
    await lars.close();
  });
});
