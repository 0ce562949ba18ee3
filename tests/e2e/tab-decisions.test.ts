import type { DecisionStore } from '../../bot/src/features/decisions/domain/ports';
import { testRepositories } from '../support/storage';
/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { DECISION_TABLES, groupPartition, recordRowKey } from '../../bot/src/features/decisions/storage/decision.entities';
import { TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { tabApi, devIdentity, signedInPage } from '../support/tab';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { accessibilityViolations, eventually, launchBrowser, screenshot } from '../support/browser';
import { mapLimit } from '../../bot/src/kernel/map-limit';
import { submitAndRecord } from '../support/decision-confirm';

jest.setTimeout(120_000);

type Who = keyof typeof USERS;
const SEEDED = 50;
const group = { tenantId: TENANT_ID, teamId: TEAM.id };

/** The decision register in real Chromium against the real service, with 50+ decisions. */
describe('tab: decisions', () => {
  let h: BotHarness;
  let browser: Browser;
  let store: DecisionStore;
  const refs: string[] = [];
  let amendment = '';
  let revocation = '';

  const api = tabApi(() => h.service.url);
  const record = async (body: Record<string, unknown>): Promise<string> => {
    const res = await api<{ decision: { ref: string } }>('amina', 'POST', 'decisions', body);
    if (res.status !== 201) throw new Error(`record: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json.decision.ref;
  };

  beforeAll(async () => {
    h = await startBotHarness();
    await h.send('bot-added-to-team');
    store = testRepositories(h.service.tables).decisions.store;
    // Concurrent appends: the register serialises them under its head's ETag.
    await mapLimit(
      Array.from({ length: SEEDED }, (_, i) => i + 1),
      8,
      async (n) => {
        refs[n] = await record({
          title: `Adopt baseline keyword k${n}q`,
          text: `The group adopts security baseline number ${n} for all member organisations.`,
          rationale: `Agreed at the session, item ${n}.`,
        });
      },
    );
    amendment = await record({ kind: 'amendment', supersedes: refs[3], title: 'Baseline 3, amended', text: 'Baseline 3 now also covers contractors.' });
    revocation = await record({ kind: 'revocation', supersedes: refs[4], title: 'Baseline 4 withdrawn', text: 'Baseline 4 no longer applies.' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  async function open(who: Who, opts: { theme?: string; width?: number } = {}): Promise<Page> {
    const page = await signedInPage(browser, devIdentity(who), { width: opts.width ?? 1024, height: 900, theme: opts.theme ?? '' });
    await page.goto(`${h.service.url}/tab/index.html?view=decisions&team=${encodeURIComponent(TEAM.id)}`);
    await page.getByRole('heading', { name: 'Decision register' }).waitFor();
    return page;
  }
  const register = (page: Page) => page.getByRole('list', { name: 'Decision register' });

  it('shows the register newest first, paged, with the chain verified intact', async () => {
    const page = await open('amina');
    await page.getByText(`Page 1 of 6 (${SEEDED + 2} decisions)`).waitFor();
    await page.getByText('Chain intact', { exact: true }).waitFor();
    expect(await register(page).getByRole('listitem').count()).toBe(10);
    expect(await register(page).getByRole('listitem').first().innerText()).toContain(revocation);
    await screenshot(page, 'decisions-light');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText(`Page 2 of 6 (${SEEDED + 2} decisions)`).waitFor();
    await page.close();
  });

  it('searches on the server and opens a record with its status and links', async () => {
    const page = await open('sofia');
    await page.getByRole('searchbox', { name: 'Search decisions' }).fill('k3q');
    await page.getByText('Page 1 of 1 (1 decision)').waitFor();
    await page.getByRole('button', { name: `Show ${refs[3]}` }).click();
    await page.getByRole('heading', { name: `${refs[3]} · Adopt baseline keyword k3q` }).waitFor();
    await page.getByText('Superseded', { exact: true }).waitFor();
    await page.getByText('Agreed at the session, item 3.').waitFor();
    await page.getByRole('button', { name: amendment }).click();
    await page.getByRole('heading', { name: `${amendment} · Baseline 3, amended` }).waitFor();
    await page.getByText('Amendment', { exact: true }).waitFor();
    await page.getByRole('button', { name: refs[3]! }).waitFor();
    await page.getByRole('button', { name: 'Back to the register' }).click();
    await page.getByRole('searchbox', { name: 'Search decisions' }).fill('k4q');
    await page.getByRole('button', { name: `Show ${refs[4]}` }).click();
    await page.getByText('Revoked', { exact: true }).waitFor();
    await page.getByRole('button', { name: revocation }).waitFor();
    await page.close();
  });

  it('lets a co-chair record a decision in a few keystrokes, and it is stored in the chain', async () => {
    const page = await open('amina');
    await page.getByLabel('Title').click();
    await page.keyboard.type('Adopt the incident playbook');
    await page.keyboard.press('Enter');
    await page.keyboard.type('The group adopts the incident playbook v2.');
    await page.keyboard.press('Enter');
    // The register is never edited: what will be written is shown first, and nothing is until confirmed.
    const confirm = page.getByRole('dialog', { name: 'Record this decision?' });
    await confirm.waitFor();
    expect(await confirm.innerText()).toMatch(/Kind of record\s+Decision\s+Title\s+Adopt the incident playbook\s+Decision text\s+The group adopts the incident playbook v2\./);
    expect((await store.rows(group)).filter((r) => r.content.title === 'Adopt the incident playbook')).toEqual([]);
    // Checked once the dialog has faded in: mid-fade, its text is paler than it will be.
    await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    const notice = page.getByText(/^D-\d{4}-\d{3} recorded\.$/);
    await notice.waitFor();
    const ref = (await notice.innerText()).split(' ')[0]!;
    const rows = await store.rows(group);
    const last = rows.find((r) => r.content.ref === ref);
    expect(last?.content).toMatchObject({ title: 'Adopt the incident playbook', text: 'The group adopts the incident playbook v2.' });
    await register(page).getByText('Adopt the incident playbook').waitFor();
    expect(await page.getByLabel('Title').inputValue()).toBe('');
    await page.close();
  });

  it('a record whose answer is lost (the gateway times out after the service committed) is sent again with the same key: one record', async () => {
    const page = await open('amina');
    const keys: string[] = [];
    await page.route('**/api/tab/decisions', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length > 1) return route.continue();
      await route.fetch(); // the service records it; the browser never sees that answer
      return route.fulfill({ status: 504, contentType: 'application/json', body: JSON.stringify({ error: { code: 'gateway-timeout', message: 'Gateway Timeout' } }) });
    });
    await page.getByLabel('Title').click();
    await page.keyboard.type('Adopt the retry-safe playbook');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Recorded once, however often the answer is lost.');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Enter');
    const notice = page.getByText(/^D-\d{4}-\d{3} recorded\.$/);
    await notice.waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    const stored = (await store.rows(group)).filter((r) => r.content.title === 'Adopt the retry-safe playbook');
    expect(stored.map((r) => r.content.ref)).toEqual([(await notice.innerText()).split(' ')[0]]);
    await page.close();
  });

  it('lets a co-chair revoke a record from its page, after confirming the revocation, and the register shows it revoked', async () => {
    const page = await open('amina');
    await page.getByRole('searchbox', { name: 'Search decisions' }).fill('k9q');
    await page.getByRole('button', { name: `Show ${refs[9]}` }).click();
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('heading', { name: `Record the revocation of ${refs[9]}` }).waitFor();
    await page.getByLabel('Title').fill('Baseline 9 withdrawn');
    await page.getByLabel('Decision text').fill('Baseline 9 no longer applies.');
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Record this decision?' });
    expect(await confirm.innerText()).toContain(`Revocation · Revocation: ${refs[9]}`);
    // Going back keeps the form as typed and writes nothing.
    await confirm.getByRole('button', { name: 'Go back' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await page.getByLabel('Title').inputValue()).toBe('Baseline 9 withdrawn');
    expect((await store.rows(group)).filter((r) => r.content.title === 'Baseline 9 withdrawn')).toEqual([]);
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await confirm.getByRole('button', { name: 'Confirm and record' }).click();
    await page.getByText(/^D-\d{4}-\d{3} recorded\.$/).waitFor();
    expect((await store.rows(group)).find((r) => r.content.title === 'Baseline 9 withdrawn')?.content).toMatchObject({ kind: 'revocation', supersedes: refs[9] });
    // The form is back to a plain decision; the record's page says it is revoked.
    await page.getByRole('heading', { name: 'Record a decision' }).waitFor();
    await page.getByText('Revoked', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Revoke' }).count()).toBe(0);
    await page.close();
  });

  it('shows members the register without the recording form (and the server refuses them)', async () => {
    const page = await open('sofia');
    await page.getByText('Only co-chairs record decisions.').waitFor();
    expect(await page.getByRole('button', { name: 'Record' }).count()).toBe(0);
    expect((await api('sofia', 'POST', 'decisions', { title: 'x', text: 'y' })).status).toBe(403);
    await page.close();
  });

  it('shows a decision recorded in chat by a co-chair within 5 s, without reloading', async () => {
    const page = await open('sofia');
    await page.getByText('Chain intact', { exact: true }).waitFor();
    // The chat form's submit, then Record on the confirmation it answers.
    const press = (verb: string, data: Record<string, unknown>) => h.send('invoke-adaptive-card-action', { from: 'amina', cardAction: { verb, data: { teamId: TEAM.id, ...data } } });
    const res = await submitAndRecord(press, { title: 'Recorded from chat', text: 'Decided in the channel.' });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain('Recorded as D-');
    await eventually(
      () => register(page).innerText(),
      (v) => expect(v).toContain('Recorded from chat'),
    );
    await page.close();
  });

  it('follows the dark theme and stays accessible, also on a record', async () => {
    const page = await open('amina', { theme: 'dark' });
    await page.getByText('Chain intact', { exact: true }).waitFor();
    const background = await page.evaluate(() => getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
    await screenshot(page, 'decisions-dark');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: `Show ${revocation}` }).click();
    await page.getByRole('heading', { name: new RegExp(`^${revocation}`) }).waitFor();
    await screenshot(page, 'decision-detail-dark');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('is usable in a 320 px side panel (no horizontal scrolling)', async () => {
    const page = await open('amina', { width: 320 });
    await page.getByText('Chain intact', { exact: true }).waitFor();
    await register(page).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'decisions-side-panel');
    await page.close();
  });

  // Last: it breaks the chain on purpose.
  it('names the first record that does not check out when the stored chain was altered', async () => {
    const page = await open('sofia');
    await page.getByText('Chain intact', { exact: true }).waitFor();
    const row = (await store.rows(group)).find((r) => r.content.ref === refs[7])!;
    const seq = Number(row.content.seq);
    await h.service.tables.table(DECISION_TABLES.chain).updateEntity({ partitionKey: groupPartition(group), rowKey: recordRowKey(seq), title: 'Quietly rewritten' }, 'Merge');
    const page2 = await open('sofia');
    const state = page2.getByTestId('chain-state');
    await state.getByText('Chain broken', { exact: true }).waitFor();
    expect(await state.innerText()).toContain(refs[7]);
    await screenshot(page2, 'decisions-chain-broken');
    await page.close();
    await page2.close();
  });
});
