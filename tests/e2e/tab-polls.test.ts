import type { PollRepository } from '../../bot/src/features/polls/domain/ports';
import { testRepositories } from '../support/storage';
/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import en from '../../bot/src/features/polls/locales/en.json';
import { teamsChannelAccount, TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { cardsIn, startBotHarness, type BotHarness } from '../support/bot-harness';
import { devIdentity, signedInPage, tabApi } from '../support/tab';
import { accessibilityViolations, eventually, launchBrowser, screenshot } from '../support/browser';
import { mapLimit } from '../../bot/src/kernel/map-limit';

jest.setTimeout(180_000);

type Who = keyof typeof USERS;
const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const VOTERS = 1000;
/** 1,000 more people on the team's roster (stored when Quorum is installed), who voted in the big poll. */
const people = Array.from({ length: VOTERS }, (_, i) => ({ id: `29:voter-${i}`, name: `Voter ${String(i).padStart(4, '0')}`, aadObjectId: randomUUID(), tenantId: TENANT_ID, userRole: 'user' }));
/** Voter i's choice in the big poll: 400 / 300 / 200 / 100. */
const choiceOf = (i: number) => (i < 400 ? 'o0' : i < 700 ? 'o1' : i < 900 ? 'o2' : 'o3');
const SESSION = 's-exec-2027';
const closesDate = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
const BIG = 'Which workstream should lead in 2027?';
const WHEN = 'When should the executive session meet?';
const LATER = 'Adopt the revised charter?';
const SECRET = 'Rate the incident response drill';

/** The polls view and the session's polls in real Chromium against the real service. */
describe('tab: polls', () => {
  let h: BotHarness;
  let browser: Browser;
  let polls: PollRepository;
  const ids: Record<string, string> = {};
  let zone = '';

  const api = tabApi(() => h.service.url);
  const create = async (fields: Record<string, unknown>): Promise<string> => {
    const res = await api<{ poll: { id: string } }>('amina', 'POST', 'polls', { kind: 'single', anonymous: false, visibility: 'live', closesDate, closesTime: '17:00', ...fields });
    if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json.poll.id;
  };
  /** A vote as Teams sends it: an Action.Execute invoke to /api/messages. */
  const vote = async (from: Who, pollId: string, data: Record<string, string>) => {
    const res = await h.send('invoke-adaptive-card-action', { from, cardAction: { verb: 'poll.vote', data: { teamId: TEAM.id, pollId, ...data } } });
    expect(JSON.stringify(res.body)).toMatch(new RegExp(`${en.polls.card.recorded}|${en.polls.card.changed}`));
  };
  const stored = async (id: string) => (await polls.get(group, id))!.value;

  beforeAll(async () => {
    h = await startBotHarness();
    const roster = [...(['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u)), ...people];
    h.connector.setMembers(TEAM.id, roster);
    h.connector.setMembers(TEAM.selectedChannel.id, roster);
    await h.send('bot-added-to-team');
    zone = (await api<{ group: { timeZone: string } }>('amina', 'GET', 'me')).json.group.timeZone;
    polls = testRepositories(h.service.tables).polls.polls;
    const start = new Date(Date.now() + 5 * 86_400_000);
    await testRepositories(h.service.tables).sessions.sessions.create({
      ...group,
      id: SESSION,
      title: 'Executive session 2027',
      startsAt: start,
      endsAt: new Date(start.getTime() + 3 * 3_600_000),
      timeZone: 'Europe/Zurich',
      agenda: [],
      status: 'planned',
      createdBy: USERS.amina.aadObjectId,
      updatedAt: new Date(),
    });

    ids.big = await create({ question: BIG, options: ['Threat intelligence', 'Cloud posture', 'Incident response', 'Awareness'] });
    // 1,000 votes straight into storage (each one the same atomic vote + counters transaction a cast writes), 50 at a time.
    const big = await stored(ids.big);
    await mapLimit(
      people.map((p, i) => ({ p, i })),
      50,
      async ({ p, i }) => {
        await polls.castNamed(big, { aadObjectId: p.aadObjectId, name: p.name }, { kind: 'choices', optionIds: [choiceOf(i)] });
      },
    );
    ids.when = await create({ question: WHEN, kind: 'availability', options: ['Tue 9 March', 'Wed 10 March', 'Thu 11 March'], sessionId: SESSION });
    await vote('amina', ids.when, { o0: 'yes', o1: 'maybe', o2: 'no' });
    await vote('lars', ids.when, { o0: 'yes', o1: 'yes', o2: 'no' });
    await vote('sofia', ids.when, { o0: 'no', o1: 'yes', o2: 'maybe' });
    ids.later = await create({ question: LATER, options: ['Yes', 'No', 'Abstain'], visibility: 'after-close', sessionId: SESSION });
    await vote('sofia', ids.later, { choice: 'o0' });
    ids.secret = await create({ question: SECRET, options: ['Good', 'Fair', 'Poor'], visibility: 'co-chairs', anonymous: true });
    await vote('lars', ids.secret, { choice: 'o1' });
    ids.closed = await create({ question: 'Keep the Friday call?', options: ['Yes', 'No'] });
    await vote('lars', ids.closed, { choice: 'o1' });
    expect((await api('amina', 'POST', `polls/${ids.closed}/close`)).status).toBe(200);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  async function open(who: Who, opts: { theme?: string; width?: number; query?: string } = {}): Promise<Page> {
    const page = await signedInPage(browser, devIdentity(who), { width: opts.width ?? 1280, height: 900, theme: opts.theme ?? '' });
    await page.goto(`${h.service.url}/tab/index.html?team=${encodeURIComponent(TEAM.id)}&view=polls${opts.query ?? ''}`);
    return page;
  }
  const listItem = (page: Page, question: string) => page.getByRole('list', { name: 'Polls' }).getByRole('listitem').filter({ hasText: question });
  const bars = (page: Page, question: string) => page.getByRole('list', { name: `Results: ${question}` });
  const counts = (page: Page, question: string) => bars(page, question).getByTestId('count').allInnerTexts();
  const showPoll = async (page: Page, question: string) => {
    await page.getByRole('button', { name: `Show poll: ${question}` }).click();
    await page.getByRole('heading', { name: question }).waitFor();
  };

  it('lists every poll with its state and turnout, and charts the 1,000-vote poll exactly', async () => {
    const page = await open('amina');
    await listItem(page, BIG).waitFor();
    expect(await listItem(page, BIG).innerText()).toContain('1,000 of 1,003 voted');
    // The closing time is shown in the poll's own zone, and says which.
    expect(await listItem(page, BIG).innerText()).toContain(`(${zone})`);
    expect(await listItem(page, 'Keep the Friday call?').innerText()).toContain('Closed');
    expect(await page.getByRole('list', { name: 'Polls' }).getByRole('listitem').count()).toBe(5);
    await showPoll(page, BIG);
    await eventually(
      () => counts(page, BIG),
      (v) => expect(v).toEqual(['400 (40%)', '300 (30%)', '200 (20%)', '100 (10%)']),
    );
    // The bars are as long as their share of the voters.
    const widths = await bars(page, BIG)
      .locator('[aria-hidden="true"] > span')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).style.width));
    expect(widths).toEqual(['40%', '30%', '20%', '10%']);
    await screenshot(page, 'polls-light');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows a vote cast in chat within 5 s, without reloading', async () => {
    const page = await open('amina');
    await showPoll(page, BIG);
    await eventually(
      () => counts(page, BIG),
      (v) => expect(v[3]).toBe('100 (10%)'),
    );
    await vote('lars', ids.big!, { choice: 'o3' });
    await eventually(
      () => counts(page, BIG),
      (v) => expect(v).toEqual(['400 (40%)', '300 (30%)', '200 (20%)', '101 (10%)']),
    );
    await page.getByText('1,001 of 1,003 voted', { exact: true }).waitFor({ timeout: 5000 });
    await page.close();
  });

  it('charts an availability poll as yes / if need be / no per option', async () => {
    const page = await open('sofia');
    await showPoll(page, WHEN);
    expect(await counts(page, WHEN)).toEqual(['Yes 2 · If need be 0 · No 1', 'Yes 2 · If need be 1 · No 0', 'Yes 0 · If need be 1 · No 2']);
    await page.close();
  });

  it('explains hidden results to a member, and gives a member no create, close or export', async () => {
    const page = await open('sofia');
    await listItem(page, LATER).waitFor();
    expect(await page.getByRole('button', { name: 'New poll' }).count()).toBe(0);
    await page.getByText('Only co-chairs create and close polls here.').waitFor();
    await showPoll(page, LATER);
    await page.getByText('Results are shown to everyone when the poll closes.').waitFor();
    expect(await bars(page, LATER).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Close poll' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Back to the polls' }).click();
    await showPoll(page, SECRET);
    await page.getByText('Only co-chairs see the results of this poll.').waitFor();
    await showPollThenBack(page, BIG);
    expect(await page.getByRole('button', { name: 'Export CSV' }).count()).toBe(0);
    await page.close();
  });

  async function showPollThenBack(page: Page, question: string) {
    await page.getByRole('button', { name: 'Back to the polls' }).click();
    await showPoll(page, question);
    await bars(page, question).waitFor();
  }

  it('lets a co-chair see co-chairs-only results and export a poll as CSV', async () => {
    const page = await open('amina');
    await showPoll(page, SECRET);
    await eventually(
      () => counts(page, SECRET),
      (v) => expect(v).toEqual(['0 (0%)', '1 (100%)', '0 (0%)']),
    );
    await page.getByText('Members do not see these results: only co-chairs do.').waitFor();
    await page.getByRole('button', { name: 'Back to the polls' }).click();
    await showPoll(page, BIG);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const lines = fs
      .readFileSync((await download.path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('voter,option,answer');
    expect(lines.length).toBe(VOTERS + 2); // header, 1,000 seeded voters and Lars
    expect(lines.filter((l) => l.includes(',Threat intelligence,')).length).toBe(400);
    await page.close();
  });

  it('lets a co-chair create a poll: refused input shows the server’s message, a good one is stored and posted', async () => {
    const page = await open('amina');
    await listItem(page, BIG).waitFor();
    await page.getByRole('button', { name: 'New poll' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Question').fill('Which tooling should we pilot?');
    await dialog.getByLabel('Kind of poll').selectOption('multiple');
    await dialog.getByLabel('Option 1', { exact: true }).fill('SIEM');
    await dialog.getByLabel('Option 2', { exact: true }).fill('siem');
    await dialog.getByRole('button', { name: 'Create poll' }).click();
    await dialog.getByText('Two options are the same: siem.').waitFor();
    await dialog.getByLabel('Option 2', { exact: true }).fill('SOAR');
    await dialog.getByRole('button', { name: 'Add option' }).click();
    await dialog.getByLabel('Option 3', { exact: true }).fill('EDR');
    await dialog.getByRole('button', { name: 'Add option' }).click();
    await dialog.getByLabel('Option 4', { exact: true }).fill('to be removed');
    await dialog.getByRole('button', { name: 'Remove option 4' }).click();
    await dialog.getByLabel('Most choices per voter').fill('2');
    await dialog.getByLabel(/^Anonymous/).check();
    await dialog.getByLabel('Who sees results, and when').selectOption('after-close');
    await dialog.getByLabel('Closing date').fill(closesDate);
    await dialog.getByLabel('Closing time').fill('12:30');
    await dialog.getByLabel('Session').selectOption(SESSION);
    h.connector.clear();
    await dialog.getByRole('button', { name: 'Create poll' }).click();
    await page.getByText('Poll created and posted to the channel.').waitFor();
    await page.getByRole('heading', { name: 'Which tooling should we pilot?' }).waitFor();
    const created = (await polls.list(group)).find((p) => p.question === 'Which tooling should we pilot?')!;
    expect(created).toMatchObject({ kind: 'multiple', maxChoices: 2, anonymous: true, visibility: 'after-close', sessionId: SESSION, createdBy: USERS.amina.aadObjectId, status: 'open' });
    expect(created.options.map((o) => o.text)).toEqual(['SIEM', 'SOAR', 'EDR']);
    expect(cardsIn(h.connector.activities()).filter((c) => c.includes('Which tooling should we pilot?'))).toHaveLength(1);
    await page.close();
  });

  it('lets a co-chair close a poll; the results go to the channel', async () => {
    const id = await create({ question: 'Move the call to Thursdays?', options: ['Yes', 'No'] });
    await vote('sofia', id, { choice: 'o0' });
    const page = await open('amina');
    await showPoll(page, 'Move the call to Thursdays?');
    h.connector.clear();
    await page.getByRole('button', { name: 'Close poll' }).click();
    await page.getByRole('button', { name: 'Close now' }).click();
    await page.getByText('Poll closed. The results were posted to the channel.').waitFor();
    await eventually(
      async () => (await stored(id)).status,
      (s) => expect(s).toBe('closed'),
    );
    expect(cardsIn(h.connector.activities()).filter((c) => c.includes(en.polls.card.resultsHeading) && c.includes('Move the call to Thursdays?'))).toHaveLength(1);
    // The view reloads the poll after the close: the button goes once the closed poll is shown.
    await page.getByRole('button', { name: 'Close poll' }).waitFor({ state: 'detached' });
    await page.close();
  });

  it('follows the dark theme and stays accessible', async () => {
    const page = await open('amina', { theme: 'dark' });
    await showPoll(page, WHEN);
    await bars(page, WHEN).waitFor();
    const background = await page.evaluate(() => getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
    await screenshot(page, 'polls-dark');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('is usable in a 320 px side panel: the list, results and the create form fit', async () => {
    const page = await open('amina', { width: 320 });
    await listItem(page, BIG).waitFor();
    await showPoll(page, BIG);
    await bars(page, BIG).waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'polls-side-panel');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Back to the polls' }).click();
    await showPoll(page, LATER);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'New poll' }).click();
    await page.getByRole('dialog').getByLabel('Option 2', { exact: true }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.close();
  });

  describe('one session’s polls (the component the session view mounts)', () => {
    it('side panel: live results, close and "new poll for this session" for co-chairs, in 320 px', async () => {
      const page = await open('amina', { width: 320, query: `&session=${SESSION}&frame=sidePanel` });
      const section = page.getByRole('list', { name: 'Polls of this session' });
      await section.getByRole('heading', { name: WHEN }).waitFor();
      // Only this session's polls, most recent first (an earlier test may have added one).
      const ofSession = (await polls.list(group)).filter((p) => p.sessionId === SESSION).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
      expect(ofSession.map((p) => p.question)).toEqual(expect.arrayContaining([LATER, WHEN]));
      expect(await section.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual(ofSession.map((p) => p.question));
      expect(await counts(page, WHEN)).toEqual(['Yes 2 · If need be 0 · No 1', 'Yes 2 · If need be 1 · No 0', 'Yes 0 · If need be 1 · No 2']);
      await vote('amina', ids.when!, { o0: 'yes', o1: 'yes', o2: 'yes' });
      await eventually(
        () => counts(page, WHEN),
        (v) => expect(v).toEqual(['Yes 2 · If need be 0 · No 1', 'Yes 3 · If need be 0 · No 0', 'Yes 1 · If need be 1 · No 1']),
      );
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await screenshot(page, 'session-polls-panel');
      expect(await accessibilityViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'New poll for this session' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Question').fill('Approve the 2027 work-plan?');
      await dialog.getByLabel('Option 1', { exact: true }).fill('Approve');
      await dialog.getByLabel('Option 2', { exact: true }).fill('Revise');
      await eventually(
        () => dialog.getByLabel('Session').inputValue(),
        (v) => expect(v).toBe(SESSION),
      );
      await dialog.getByRole('button', { name: 'Create poll' }).click();
      await page.getByText('Poll created and posted to the channel.').waitFor();
      await section.getByRole('heading', { name: 'Approve the 2027 work-plan?' }).waitFor();
      expect((await polls.list(group)).find((p) => p.question === 'Approve the 2027 work-plan?')).toMatchObject({ sessionId: SESSION });

      const item = section.getByRole('listitem').filter({ has: page.getByRole('heading', { name: LATER }) });
      await item.getByRole('button', { name: 'Close poll' }).click();
      await item.getByRole('button', { name: 'Close now' }).click();
      await page.getByText('Poll closed. The results were posted to the channel.').waitFor();
      await eventually(
        () => counts(page, LATER),
        (v) => expect(v).toEqual(['1 (100%)', '0 (0%)', '0 (0%)']),
      );
      expect((await stored(ids.later!)).status).toBe('closed');
      await page.close();
    });

    it('side panel for a member: the same results, no actions', async () => {
      const page = await open('sofia', { width: 320, query: `&session=${SESSION}&frame=sidePanel` });
      await page.getByRole('list', { name: 'Polls of this session' }).getByRole('heading', { name: WHEN }).waitFor();
      expect(await page.getByRole('button', { name: 'New poll for this session' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Close poll' }).count()).toBe(0);
      await page.close();
    });

    it('meeting stage: large and read-only, even for a co-chair, light and dark', async () => {
      for (const theme of ['default', 'dark']) {
        const page = await open('amina', { width: 1600, theme, query: `&session=${SESSION}&frame=meetingStage` });
        await bars(page, WHEN).waitFor();
        expect(await page.getByRole('button', { name: /Close poll|New poll/ }).count()).toBe(0);
        const size = await page.getByRole('heading', { name: WHEN }).evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
        expect(size).toBeGreaterThanOrEqual(24);
        await screenshot(page, `session-polls-stage-${theme === 'dark' ? 'dark' : 'light'}`);
        expect(await accessibilityViolations(page)).toEqual([]);
        await page.close();
      }
    });
  });
});
