/// <reference lib="dom" />
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { freePort, isFree } from '../../bot/src/dev/azurite';
import { createRepositories } from '../../bot/src/platform/storage/repositories';
import { openTables } from '../../bot/src/features/storage';
import core from '../../bot/src/features/core/locales/en.json';
import polls from '../../bot/src/features/polls/locales/en.json';
import workPlan from '../../bot/src/features/work-plan/locales/en.json';
import { eventually, launchBrowser, screenshot } from '../support/browser';
import { listeningAddresses, OutsideConnectionWatch } from '../support/process-sockets';
import { testStorageConnection, uniquePrefix, testRepositories } from '../support/storage';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');
const CAST = fs.readFileSync(path.join(ROOT, 'bot/src/dev/playground/.m365agentsplayground.yml'), 'utf8');
/** The local run's tenant and team, as the Playground plays them. */
const group = { tenantId: /^tenantId: (\S+)/m.exec(CAST)![1]!, teamId: /^team:\n\s+id: (\S+)/m.exec(CAST)![1]! };
/** The people of the cast (user ids start with 29:), who are the team's roster. */
const PEOPLE = [...CAST.matchAll(/id: 29:\S+\n\s+name: (.+)$/gm)].map((m) => m[1]!).sort();
const QUESTION = 'Which day suits the spring session?';
const WAIT = 20_000;

/**
 * The README's local walkthrough, as a newcomer does it: `npm start` (start-local.ts, on free
 * ports and the test run's Azurite), the Microsoft 365 Agents Playground in Chromium, every
 * step typed and clicked in its page. Only loopback is reached: anything else the page asks
 * for (Segoe UI fonts and an animation from Microsoft's CDN) is refused, and the processes'
 * sockets are watched for any other peer.
 */
describe('the README walkthrough in the Agents Playground', () => {
  let app: ChildProcess;
  let output = '';
  let servicePort = 0;
  let playgroundPort = 0;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const outside: string[] = [];
  let watch: OutsideConnectionWatch | undefined;
  const tablePrefix = uniquePrefix();

  /** Personal chat's message box. */
  const composer = () => page.locator('[data-lexical-editor="true"]');
  /** A channel's "Start a new post" box (each post below it has a reply box of its own). */
  const newPost = () => page.getByRole('group').filter({ hasText: 'Start a new post' }).getByRole('textbox');
  const cards = (text: string) => page.locator('.ac-adaptiveCard').filter({ hasText: text });
  const open = (name: string) => page.getByRole('treeitem', { name }).click();
  async function type(text: string): Promise<void> {
    await composer().click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }

  beforeAll(async () => {
    [servicePort, playgroundPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(servicePort),
      PLAYGROUND_PORT: String(playgroundPort),
      STORAGE_CONNECTION_STRING: testStorageConnection(),
      STORAGE_TABLE_PREFIX: tablePrefix,
    };
    // As `npm start` runs: jest's NODE_ENV=test would change the service and the tab build.
    delete env.NODE_ENV;
    app = spawn(process.execPath, ['--import', 'tsx', 'bot/src/dev/start-local.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    watch = new OutsideConnectionWatch(() => [app.pid!, ...playgroundPids(playgroundPort)]);
    app.stdout!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
    app.stderr!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
    await eventually(
      async () => output,
      (o) => {
        if (app.exitCode !== null) throw new Error(`npm start exited (${app.exitCode}):\n${o}`);
        expect(o).toContain('Press Ctrl-C to stop.');
      },
      90_000,
    );

    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.route('**/*', (route) => {
      const host = new URL(route.request().url()).hostname;
      if (host === '127.0.0.1' || host === 'localhost') return route.continue();
      outside.push(route.request().url());
      return route.abort();
    });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  });

  afterAll(async () => {
    watch?.stop();
    await browser?.close();
    if (app && app.exitCode === null && app.signalCode === null) {
      app.kill('SIGINT');
      await new Promise((r) => setTimeout(r, 5000));
      app.kill('SIGKILL');
    }
    // Should start-local have died without its cleanup, end the Playground it started.
    for (const pid of playgroundPids(playgroundPort)) process.kill(pid, 'SIGKILL');
  });

  it('prints where everything is and serves /healthz', async () => {
    expect(output).toContain(`http://127.0.0.1:${playgroundPort}/`);
    expect(output).toContain(`http://127.0.0.1:${servicePort}/healthz`);
    expect((await fetch(`http://127.0.0.1:${servicePort}/healthz`)).status).toBe(200);
  });

  it('listens on loopback only: the Playground (the unauthenticated bot’s connector, signed in as a co-chair) and the service', () => {
    for (const port of [playgroundPort, servicePort]) {
      const addresses = listeningAddresses(port);
      expect(addresses.length).toBeGreaterThan(0);
      for (const a of addresses) expect(['127.0.0.1', '::1']).toContain(a);
    }
  });

  it('opens a personal chat where `help` says Quorum knows no team yet', async () => {
    await page.goto(`http://127.0.0.1:${playgroundPort}/`);
    await type('help');
    await cards(core.help.noGroupNote).waitFor({ timeout: WAIT });
  });

  it('installs Quorum in the team from General: the welcome card, the roster read', async () => {
    await open('InfoSec SIG - General');
    await cards(core.welcome.title).waitFor({ timeout: WAIT });
    const members = createRepositories(tables(tablePrefix)).members;
    await eventually(
      () => members.list(group),
      (list) => expect(list.map((m) => m.name).sort()).toEqual(PEOPLE),
      WAIT,
    );
  });

  it('shows the co-chair their role and the ★ commands in personal chat', async () => {
    await open('Personal Chat');
    await type('help');
    await cards(core.help.coChairNote).waitFor({ timeout: WAIT });
  });

  it('creates a poll from the form with its defaults, once however quickly Create is pressed twice', async () => {
    await type('poll');
    const form = cards(polls.polls.form.title).last();
    await form.waitFor({ timeout: WAIT });
    await form.getByLabel(polls.polls.form.question).fill(QUESTION);
    await form.getByLabel(polls.polls.form.options).fill('Tuesday\nThursday');
    // "At most how many" is left as the form draws it (empty: any number).
    // Both clicks reach the bot (the Playground forwards each invoke and answers with the bot's reply).
    let answered = 0;
    const onResponse = (r: { url(): string }) => r.url().endsWith('/_conversation/v1/invoke') && answered++;
    page.on('response', onResponse);
    await form.getByRole('button', { name: polls.polls.form.submit }).dblclick();
    await eventually(
      async () => answered,
      (n) => expect(n).toBe(2),
      WAIT,
    );
    page.off('response', onResponse);

    const store = testRepositories(tables(tablePrefix)).polls.polls;
    const stored = await store.list(group);
    expect(stored.map((p) => p.question)).toEqual([QUESTION]);
    expect(stored[0]).toMatchObject({ kind: 'single', anonymous: false, visibility: 'live', status: 'open' });
    await open('InfoSec SIG - General');
    await cards(QUESTION).first().waitFor({ timeout: WAIT });
    expect(await cards(QUESTION).count()).toBe(1);
  });

  it('records a vote on the poll card in the channel', async () => {
    const poll = cards(QUESTION).first();
    await poll.getByRole('radio', { name: 'Tuesday' }).check();
    await poll.getByRole('button', { name: polls.polls.card.vote, exact: true }).click();
    await cards(polls.polls.card.recorded).waitFor({ timeout: WAIT });
    expect(await cards(QUESTION).first().innerText()).toMatch(/1 of \d+ voted/);
  });

  it('answers `@Quorum help` in the channel where the Playground shows it', async () => {
    const before = await cards(core.help.title).count();
    await newPost().click();
    await page.keyboard.type('@Quo');
    await page.getByRole('listbox').getByRole('menuitem', { name: 'Quorum' }).click();
    await page.keyboard.type(' help');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await eventually(
      () => cards(core.help.title).count(),
      (n) => expect(n).toBe(before + 1),
      WAIT,
    );
    await cards(core.help.coChairNote).first().waitFor({ timeout: WAIT });
    await screenshot(page, 'playground-channel-help');
    expect(pageErrors.filter((e) => /Invalid conversation id/.test(e))).toEqual([]);
  });

  it('creates one action item however quickly Create is pressed twice', async () => {
    await open('Personal Chat');
    await type('new item');
    const form = cards(workPlan.workPlan.form.heading).last();
    await form.waitFor({ timeout: WAIT });
    await form.getByLabel(workPlan.workPlan.form.title).fill('Patch the mail relays');
    let answered = 0;
    const onResponse = (r: { url(): string }) => r.url().endsWith('/_conversation/v1/invoke') && answered++;
    page.on('response', onResponse);
    await form.getByRole('button', { name: workPlan.workPlan.form.create, exact: true }).dblclick();
    await eventually(
      async () => answered,
      (n) => expect(n).toBe(2),
      WAIT,
    );
    page.off('response', onResponse);
    const items = await testRepositories(tables(tablePrefix)).workPlan.items.list(group);
    expect(items.map((i) => i.title)).toEqual(['Patch the mail relays']);
  });

  it('reached nothing beyond this machine', () => {
    // The service and the Playground (its telemetry SDK quieted by start-local): loopback only.
    expect(watch!.stop()).toEqual([]);
    // The page asks Microsoft's CDN for fonts and an animation; refused, it falls back.
    for (const url of outside) expect(new URL(url).hostname).toMatch(/(^|\.)cdn\.office\.net$/);
  });

  it('stops on Ctrl-C, leaving no process and no port behind', async () => {
    const exited = new Promise<number | null>((resolve) => app.once('exit', (code) => resolve(code)));
    app.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(playgroundPids(playgroundPort)).toEqual([]);
    expect(await isFree(servicePort)).toBe(true);
    expect(await isFree(playgroundPort)).toBe(true);
  });
});

function tables(prefix: string) {
  return openTables({ kind: 'connection-string', connectionString: testStorageConnection() }, prefix);
}

/** The Agents Playground processes serving this port (found by their command line). */
function playgroundPids(port: number): number[] {
  if (!port) return [];
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const args = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
        return args.some((a) => a.includes('m365agentsplayground')) && args.includes(String(port)) ? [Number(d)] : [];
      } catch {
        return [];
      }
    });
}
