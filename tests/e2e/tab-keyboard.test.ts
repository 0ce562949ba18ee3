/// <reference lib="dom" />
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { TEAM, TENANT_ID } from '../fixtures/activities';
import { devIdentity, signedInPage, tabApi } from '../support/tab';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { testRepositories } from '../support/storage';
import { eventually, launchBrowser } from '../support/browser';
import { focused, indicatorOf, markFocused, named, onMarked, pressUntil, shownFocus, type Focus } from '../support/keyboard';

jest.setTimeout(120_000);

const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const SESSION_ID = 's0e2e0000000002aa';
const SESSION_TITLE = 'Executive session 2027';
const QUESTION = 'Which workstream should lead in 2027?';
const year = String(new Date().getFullYear());

/**
 * Each tab view walked with the keyboard alone (WCAG 2.1.1, 2.1.2, 2.4.3, 2.4.7), in real
 * Chromium against the real service: Tab, Shift+Tab, Enter, Space, Escape and arrows only, no
 * pointer. Every stop must show its focus; a dialog must give focus back to what opened it;
 * each view's main action is done and checked through the service.
 */
describe('tab: keyboard only', () => {
  let h: BotHarness;
  let browser: Browser;
  let pollId = '';
  let firstRef = '';
  const api = tabApi(() => h.service.url);

  beforeAll(async () => {
    h = await startBotHarness();
    await h.send('bot-added-to-team');
    for (const title of ['Patch the mail gateways', 'Rotate the shared keys']) {
      expect((await api('amina', 'POST', 'items', { title, organisation: 'ITU', priority: 'medium' })).status).toBe(201);
    }
    const decision = await api<{ decision: { ref: string } }>('amina', 'POST', 'decisions', { title: 'Adopt the incident playbook', text: 'Adopted by consensus.' });
    expect(decision.status).toBe(201);
    firstRef = decision.json.decision.ref;
    const poll = await api<{ poll: { id: string } }>('amina', 'POST', 'polls', {
      question: QUESTION,
      options: ['Threat intelligence', 'Cloud posture'],
      kind: 'single',
      anonymous: false,
      visibility: 'live',
      closesDate: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
      closesTime: '17:00',
    });
    expect(poll.status).toBe(201);
    pollId = poll.json.poll.id;
    const start = new Date(Math.ceil((Date.now() + 30 * 60_000) / 60_000) * 60_000);
    const end = new Date(start.getTime() + 3 * 3_600_000);
    const [startDate, startTime] = start.toISOString().slice(0, 16).split('T');
    const [endDate, endTime] = end.toISOString().slice(0, 16).split('T');
    const saved = await h.send('invoke-adaptive-card-action', {
      from: 'amina',
      cardAction: {
        verb: 'session.save',
        data: {
          teamId: TEAM.id,
          sessionId: SESSION_ID,
          title: SESSION_TITLE,
          startDate,
          startTime,
          endDate,
          endTime,
          timeZone: 'UTC',
          agenda: 'Opening | Co-chairs | 10\nThreat landscape | UNICC | 30',
        },
      },
    });
    expect(JSON.stringify(saved.body)).toContain('Session saved');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  /** A co-chair's page on one view, nothing focused yet; Fluent's focus transitions shortened. */
  async function open(view: string, opts: { width?: number; meeting?: boolean } = {}): Promise<Page> {
    const page = await signedInPage(browser, devIdentity('amina'), { width: opts.width ?? 1280, height: 900, acceptDownloads: true });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`${h.service.url}/tab/index.html?view=${view}&team=${encodeURIComponent(TEAM.id)}${opts.meeting ? '&meeting=1' : ''}`);
    await page.locator('main h2').first().waitFor();
    await page.locator('[role="progressbar"]').first().waitFor({ state: 'detached' });
    return page;
  }

  /** Tab from wherever focus is, round the page, back to the view's own tab: nothing holds the keyboard (2.1.2). */
  async function roundTrip(page: Page, view: string): Promise<Focus[]> {
    return pressUntil(page, named(view, 'tab'), { max: 80 });
  }

  const dialog = (page: Page) => page.getByRole('dialog');

  it('tells a focused control from an unfocused one (the check below can fail)', async () => {
    const page = await open('work-plan');
    const create = page.getByRole('button', { name: 'New action item' });
    const area = page.getByLabel('Area');
    expect(await indicatorOf(create)).toBeNull();
    expect(await indicatorOf(area)).toBeNull();
    await pressUntil(page, named('New action item'));
    expect(await indicatorOf(create)).not.toBeNull();
    await pressUntil(page, named('Area'));
    expect(await indicatorOf(area)).not.toBeNull();
    await eventually(
      () => indicatorOf(create),
      (v) => expect(v).toBeNull(),
    );
    await page.close();
  });

  it('work-plan: creates an item through the dialog, edits one in place, focus always shown and given back', async () => {
    const page = await open('work-plan');
    // The view list is one stop (arrows inside), then the view's own controls in reading order.
    const stops = await pressUntil(page, named('New action item'));
    expect(stops.filter((s) => s.role === 'tab').map((s) => s.name)).toEqual(['Work-plan']);
    await markFocused(page);

    await page.keyboard.press('Enter');
    await dialog(page).waitFor();
    expect((await shownFocus(page))?.name).toBe('Title');
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached' });
    await eventually(
      () => onMarked(page),
      (v) => expect(v).toBe(true),
    );

    await page.keyboard.press('Enter');
    await dialog(page).waitFor();
    await page.keyboard.type('Brief the focal points on the baseline');
    await pressUntil(page, named('Priority', 'select'));
    await page.keyboard.press('ArrowDown'); // medium → high
    await pressUntil(page, named('Area'));
    await page.keyboard.type('Governance');
    // Shift+Tab walks back through the same stops (2.4.3).
    // (A date input is several stops: day, month, year.)
    expect([...new Set((await pressUntil(page, named('Priority', 'select'), { key: 'Shift+Tab' })).map((s) => s.name))]).toEqual(['Due', 'Priority']);
    await pressUntil(page, named('Create'));
    await page.keyboard.press('Enter');
    await dialog(page).waitFor({ state: 'detached' });
    await eventually(
      () => onMarked(page),
      (v) => expect(v).toBe(true),
    );
    const listed = await api<{ items: { ref: string; title: string; priority: string; area?: string }[] }>('amina', 'GET', 'items');
    const created = listed.json.items.find((i) => i.title === 'Brief the focal points on the baseline');
    expect(created).toMatchObject({ priority: 'high', area: 'Governance' });

    // Edit in place: Enter on Edit puts focus in the row's inputs; Save gives it back to Edit.
    await pressUntil(page, named(`Edit ${created!.ref}`));
    await page.keyboard.press('Enter');
    await eventually(
      () => focused(page),
      (f) => expect(f?.name).toBe(`Priority ${created!.ref}`),
    );
    await pressUntil(page, named(`Status ${created!.ref}`));
    await page.keyboard.press('ArrowDown'); // open → in progress
    await pressUntil(page, named('Save'));
    await page.keyboard.press('Enter');
    // (The row's Edit button is drawn anew when the inputs go.)
    const backOnEdit = () =>
      eventually(
        () => shownFocus(page),
        (f) => expect(f?.name).toBe(`Edit ${created!.ref}`),
      );
    await backOnEdit();
    const item = await api<{ item: { status: string } }>('amina', 'GET', `items/${created!.ref}`);
    expect(item.json.item.status).toBe('in-progress');
    // Escape leaves an edit unsaved, focus back on Edit.
    await page.keyboard.press('Enter');
    await eventually(
      () => focused(page),
      (f) => expect(f?.name).toBe(`Priority ${created!.ref}`),
    );
    await page.keyboard.press('Escape');
    await backOnEdit();
    await roundTrip(page, 'Work-plan');
    await page.close();
  });

  it('polls: creates a poll in the dialog, then closes one after the confirmation, focus following', async () => {
    const page = await open('polls');
    await pressUntil(page, named('New poll'));
    await markFocused(page);
    await page.keyboard.press('Enter');
    await dialog(page).waitFor();
    expect((await shownFocus(page))?.name).toBe('Question');
    await page.keyboard.type('Hold the retreat in Geneva?');
    await pressUntil(page, named('Option 1'));
    await page.keyboard.type('Yes');
    await pressUntil(page, named('Option 2'));
    await page.keyboard.type('No');
    await pressUntil(page, named('Create poll'));
    await page.keyboard.press('Enter');
    await dialog(page).waitFor({ state: 'detached' });
    await eventually(
      () => onMarked(page),
      (v) => expect(v).toBe(true),
    );
    const polls = await api<{ polls: { id: string; question: string; options: { text: string }[] }[] }>('amina', 'GET', 'polls');
    expect(polls.json.polls.find((p) => p.question === 'Hold the retreat in Geneva?')?.options.map((o) => o.text)).toEqual(['Yes', 'No']);

    // The new poll opens; back to the list, then the seeded poll, by keyboard.
    await pressUntil(page, named('Back to the polls'));
    await page.keyboard.press('Enter');
    await pressUntil(page, named(new RegExp(`^Show.*${QUESTION.replace('?', '\\?')}`)));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: QUESTION }).waitFor();
    await pressUntil(page, named('Close poll'));
    await page.keyboard.press('Enter');
    // Into the confirmation (it stands where the button was); Escape backs out to "Close poll".
    expect((await shownFocus(page))?.name).toBe('Close now');
    await page.keyboard.press('Escape');
    await eventually(
      () => shownFocus(page),
      (f) => expect(f?.name).toBe('Close poll'),
    );
    expect((await api<{ open: boolean }>('amina', 'GET', `polls/${pollId}`)).json.open).toBe(true);
    await page.keyboard.press('Enter');
    expect((await shownFocus(page))?.name).toBe('Close now');
    await page.keyboard.press('Enter');
    await page.getByText('Poll closed.', { exact: false }).first().waitFor();
    expect((await api<{ open: boolean }>('amina', 'GET', `polls/${pollId}`)).json.open).toBe(false);
    // Focus stays with the poll's actions (not dropped to the page) once "Close poll" is gone.
    await eventually(
      () => focused(page),
      (f) => expect(f?.name).toBe('Poll actions'),
    );
    await roundTrip(page, 'Polls');
    await page.close();
  });

  it('decisions: records only after the confirmation shows what will be written; amends a record the same way', async () => {
    const page = await open('decisions');
    const stops = await pressUntil(page, named('Title'));
    expect(stops.map((s) => s.name).slice(-2)).toEqual(['Download a checkpoint', 'Title']);
    await page.keyboard.type('Adopt the keyboard policy');
    await page.keyboard.press('Enter');
    expect((await shownFocus(page))?.name).toBe('Decision text');
    await page.keyboard.type('All tools the group adopts are usable with the keyboard alone.');
    await markFocused(page);
    await page.keyboard.press('Enter');
    await dialog(page).waitFor();
    const shown = await dialog(page).innerText();
    expect(shown).toContain('Record this decision?');
    expect(shown).toContain('Adopt the keyboard policy');
    expect(shown).toContain('All tools the group adopts are usable with the keyboard alone.');
    expect((await shownFocus(page))?.name).toBe('Confirm and record');
    // Escape: nothing written, back to the text with everything kept.
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached' });
    await eventually(
      () => onMarked(page),
      (v) => expect(v).toBe(true),
    );
    const rows = () => testRepositories(h.service.tables).decisions.store.rows(group);
    expect((await rows()).map((r) => r.content.title)).not.toContain('Adopt the keyboard policy');
    expect(await page.getByLabel('Title').inputValue()).toBe('Adopt the keyboard policy');

    await page.keyboard.press('Enter');
    await dialog(page).waitFor();
    await page.keyboard.press('Enter');
    await dialog(page).waitFor({ state: 'detached' });
    const notice = page.getByText(/^D-\d{4}-\d{3} recorded\.$/);
    await notice.waitFor();
    const ref = (await notice.innerText()).split(' ')[0]!;
    expect((await rows()).find((r) => r.content.ref === ref)?.content).toMatchObject({ title: 'Adopt the keyboard policy', kind: 'decision' });
    await eventually(
      () => onMarked(page),
      (v) => expect(v).toBe(true),
    );

    // Amend the first record: open it, Amend, and the form (its heading says so) takes the keyboard.
    await pressUntil(page, named(`Show ${firstRef}`));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: new RegExp(`^${firstRef}`) }).waitFor();
    await pressUntil(page, named('Amend'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Record an amendment to ${firstRef}` }).waitFor();
    expect((await shownFocus(page))?.name).toBe('Title');
    await page.keyboard.type('Incident playbook, amended');
    await page.keyboard.press('Enter');
    await page.keyboard.type('The playbook now also covers contractors.');
    await page.keyboard.press('Enter');
    await dialog(page).waitFor();
    expect(await dialog(page).innerText()).toMatch(new RegExp(`Amendment · Supersedes: ${firstRef}`));
    await page.keyboard.press('Enter');
    await dialog(page).waitFor({ state: 'detached' });
    await page.getByText(/^D-\d{4}-\d{3} recorded\.$/).waitFor();
    await eventually(
      async () => (await rows()).find((r) => r.content.title === 'Incident playbook, amended')?.content,
      (c) => expect(c).toMatchObject({ kind: 'amendment', supersedes: firstRef }),
    );
    await roundTrip(page, 'Decisions');
    await page.close();
  });

  it('session: starts the agenda timer, switches to the review by arrows, records a quick decision after confirming', async () => {
    const page = await open('session', { meeting: true });
    await page.getByRole('heading', { name: SESSION_TITLE }).waitFor();
    await pressUntil(page, named('Start timer'));
    await markFocused(page);
    await page.keyboard.press('Space');
    await eventually(
      async () => (await testRepositories(h.service.tables).sessions.live.get(group, SESSION_ID))?.value.runningSince,
      (v) => expect(v).toBeTruthy(),
    );
    // The same button, now "Pause timer", keeps the focus.
    await eventually(
      () => focused(page),
      (f) => expect(f?.name).toBe('Pause timer'),
    );
    expect(await onMarked(page)).toBe(true);
    // Making another item current keeps the focus on the button pressed (now unavailable: it is current).
    await pressUntil(page, named('Make current: Threat landscape'));
    await markFocused(page);
    await page.keyboard.press('Enter');
    await eventually(
      async () => (await testRepositories(h.service.tables).sessions.live.get(group, SESSION_ID))?.value.current,
      (v) => expect(v).toBe(1),
    );
    await page.getByRole('list', { name: 'Agenda' }).getByRole('listitem').nth(1).and(page.locator('[aria-current="step"]')).waitFor();
    expect(await onMarked(page)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-disabled'))).toBe('true');

    const form = page.getByRole('form', { name: 'Quick decision' });
    await pressUntil(page, named('Title'));
    await page.keyboard.type('Adopt the agenda');
    await page.keyboard.press('Enter');
    expect((await shownFocus(page))?.name).toBe('Decision text');
    await page.keyboard.type('The agenda is adopted as circulated.');
    await markFocused(page);
    await page.keyboard.press('Enter');
    await dialog(page).waitFor();
    expect(await dialog(page).innerText()).toContain('The agenda is adopted as circulated.');
    await page.keyboard.press('Enter');
    await dialog(page).waitFor({ state: 'detached' });
    await form.getByText(/^D-\d{4}-\d{3} recorded\.$/).waitFor();
    await eventually(
      () => onMarked(page),
      (v) => expect(v).toBe(true),
    );
    const outcomes = await api<{ decisions: { title: string }[] }>('amina', 'GET', `sessions/${SESSION_ID}/outcomes`);
    expect(outcomes.json.decisions.map((d) => d.title)).toContain('Adopt the agenda');

    // The session's modes are a tab list: one stop, arrows between them, Enter to choose.
    await pressUntil(page, named('Agenda', 'tab'), { key: 'Shift+Tab', max: 60 });
    await page.keyboard.press('ArrowRight');
    expect((await shownFocus(page))?.name).toMatch(/^Review action items/);
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: /^Review action items/, selected: true }).waitFor();
    // Next, Next… to the last item: the button, now unavailable, still holds the focus.
    await pressUntil(page, named('Next item to review'));
    const position = page.getByText(/^Item \d+ of \d+$/);
    for (let i = 0; i < 10 && !/^Item (\d+) of \1$/.test(await position.innerText()); i++) await page.keyboard.press('Enter');
    expect(await position.innerText()).toMatch(/^Item (\d+) of \1$/);
    expect((await shownFocus(page))?.name).toBe('Next item to review');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-disabled'))).toBe('true');
    await roundTrip(page, 'Session');
    await page.close();
  });

  it('reports: picks a session in the drop-down and downloads its report and the yearly one', async () => {
    const page = await open('reports');
    await pressUntil(page, named('Choose a session', 'combobox'));
    await markFocused(page);
    // Escape closes the list without choosing, focus stays on the drop-down.
    await page.keyboard.press('ArrowDown');
    await page.getByRole('listbox').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    expect(await onMarked(page)).toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name: new RegExp(SESSION_TITLE) }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    expect(await onMarked(page)).toBe(true);
    await pressUntil(page, named('Markdown'));
    const [session] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(fs.readFileSync((await session.path())!, 'utf8')).toContain(SESSION_TITLE);
    await pressUntil(page, named('Year'));
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(year);
    await pressUntil(page, named('Markdown'));
    const [yearly] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(fs.readFileSync((await yearly.path())!, 'utf8')).toContain(year);
    await roundTrip(page, 'Reports');
    await page.close();
  });

  it('settings: chooses the channel language and a working day, and saves', async () => {
    const page = await open('settings');
    await pressUntil(page, named('Language of the channel', 'select'));
    await page.keyboard.type('Fr'); // a select's type-ahead: Français
    await pressUntil(page, named('Saturday'));
    await page.keyboard.press('Space');
    await pressUntil(page, named('Save settings'));
    await page.keyboard.press('Enter');
    await page.getByText('Settings saved.').waitFor();
    const saved = await api<{ settings: { language: string; workingDays: string[] } }>('amina', 'GET', 'settings');
    expect(saved.json.settings.language).toBe('fr');
    expect(saved.json.settings.workingDays).toContain('sat');
    await roundTrip(page, 'Settings');
    await page.close();
  });
});
