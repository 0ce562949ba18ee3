/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { allAccessibilityViolations, eventually, launchBrowser, screenshot } from '../support/browser';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { testRepositories } from '../support/storage';
import { devIdentity, signedInPage, tabApi } from '../support/tab';
import { layoutFindings } from '../support/layout-findings';
import { ar } from '../../tab/src/lib/messages.ar';
import { en } from '../../tab/src/lib/messages.en';
import { es } from '../../tab/src/lib/messages.es';
import { fr } from '../../tab/src/lib/messages.fr';
import { ru } from '../../tab/src/lib/messages.ru';
import { zh } from '../../tab/src/lib/messages.zh';

jest.setTimeout(150_000);

const CATALOGS: Record<string, Record<string, string>> = { ar, en, es, fr, ru, zh };
const LANGS = Object.keys(CATALOGS);
const THEMES = ['default', 'dark', 'contrast'];
/** Every view, with a piece of seeded data that says it has loaded (the reports and settings views show forms only). */
const VIEWS: [view: string, ready?: string][] = [
  ['work-plan', 'Control review #01'],
  ['session', 'Executive session 2027'],
  ['polls', 'Which workstream should lead in 2027?'],
  ['decisions', 'Adopt the incident playbook'],
  ['reports'],
  ['my-items', 'Control review #04'],
  ['settings'],
];
const WIDTH = 320;
/**
 * The axe-core rules a theme can change (the page is the same but for its colours): every rule
 * runs in the default theme, these in the dark and high-contrast ones, which keeps the run short.
 */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];
const SESSION_ID = 's0e2e0000000001aa';
const QUESTION = 'Which workstream should lead in 2027?';
const AGENDA = [
  ['Opening and adoption of the agenda', 'Co-chairs', 10],
  ['Work-plan review', 'Co-chairs', 45],
  ['Threat landscape 2027', 'UNICC', 30],
  ['Any other business', '', 0],
] as const;
/** Words people typed (a presenter called "Co-chairs"): their data, shown as typed in every language. */
const SEEDED: string[] = AGENDA.flatMap(([title, who]) => [title, who]).filter(Boolean);
/**
 * Latin text people typed, per view, that Arabic must show isolated (<bdi> or dir="auto"):
 * unisolated, "Control review #01" reads "#01 Control review" and a question's "?" jumps to
 * the other end. `{ref}` is the seeded decision's reference.
 */
const ISOLATED: Record<string, string[]> = {
  'work-plan': ['Control review #01'],
  session: ['Executive session 2027', 'Opening and adoption of the agenda'],
  polls: [QUESTION],
  decisions: ['Adopt the incident playbook', '{ref}'],
};

/**
 * Every tab view in the six official languages at 320 px (a meeting side panel), in real
 * Chromium against the real service: no catalogue key or placeholder on screen, no English
 * where the language has its own text, nothing cut off or scrolling sideways, Arabic
 * mirrored, and axe-core clean (every impact) in the three Teams themes.
 */
describe('tab: six languages and accessibility', () => {
  let h: BotHarness;
  let browser: Browser;
  let pollId = '';
  let decisionRef = '';
  const api = tabApi(() => h.service.url);

  beforeAll(async () => {
    h = await startBotHarness();
    await h.send('bot-added-to-team');
    for (let n = 1; n <= 12; n++) {
      const owner = (['amina', 'lars', 'sofia', undefined] as const)[n % 4];
      const res = await api('amina', 'POST', 'items', {
        title: `Control review #${String(n).padStart(2, '0')}`,
        description: `Review of control ${n} for the annual assessment.`,
        ...(owner ? { ownerId: USERS[owner].aadObjectId } : {}),
        organisation: ['ITU', 'UNICEF', 'WFP'][n % 3],
        priority: ['low', 'medium', 'high', 'critical'][n % 4],
        due: new Date(Date.UTC(2027, 2, n)).toISOString().slice(0, 10),
        progress: (n * 9) % 100,
      });
      if (res.status !== 201) throw new Error(`item ${n}: ${res.status} ${JSON.stringify(res.json)}`);
    }
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
          title: 'Executive session 2027',
          startDate,
          startTime,
          endDate,
          endTime,
          timeZone: 'UTC',
          place: 'Palais des Nations, Room XVII',
          agenda: AGENDA.map(([t, who, min]) => `${t} | ${who} | ${min || ''}`).join('\n'),
        },
      },
    });
    expect(JSON.stringify(saved.body)).toContain('Session saved');
    const poll = await api<{ poll: { id: string } }>('amina', 'POST', 'polls', {
      question: QUESTION,
      options: ['Threat intelligence', 'Cloud posture', 'Incident response'],
      kind: 'single',
      anonymous: false,
      visibility: 'live',
      closesDate: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
      closesTime: '17:00',
    });
    expect(poll.status).toBe(201);
    pollId = poll.json.poll.id;
    for (const [who, choice] of [
      ['lars', 'o0'],
      ['sofia', 'o1'],
    ] as const) {
      await h.send('invoke-adaptive-card-action', { from: who, cardAction: { verb: 'poll.vote', data: { teamId: TEAM.id, pollId: poll.json.poll.id, choice } } });
    }
    const decision = await api<{ decision: { ref: string } }>('amina', 'POST', 'decisions', { title: 'Adopt the incident playbook', text: 'Adopted by consensus.' });
    expect(decision.status).toBe(201);
    decisionRef = decision.json.decision.ref;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  async function visit(page: Page, lang: string, view: string, ready?: string): Promise<void> {
    await page.goto(`${h.service.url}/tab/index.html?team=${encodeURIComponent(TEAM.id)}&view=${view}&locale=${lang}`);
    await page.locator('main').waitFor();
    if (ready) await page.getByText(ready).first().waitFor();
    await page.locator('[role="progressbar"]').first().waitFor({ state: 'detached' });
  }

  /** A screen reader hears what changes by itself, politely (aria-live="polite"), and only when it changes. */
  describe('live changes', () => {
    it('announces new vote counts in the polls view', async () => {
      const page = await signedInPage(browser, devIdentity('sofia'), { width: 1024, height: 800 });
      await visit(page, 'en', 'polls', QUESTION);
      const region = page.getByTestId('polite');
      expect(await region.getAttribute('aria-live')).toBe('polite');
      expect(await region.textContent()).toBe('');
      await h.send('invoke-adaptive-card-action', { from: 'amina', cardAction: { verb: 'poll.vote', data: { teamId: TEAM.id, pollId, choice: 'o2' } } });
      await eventually(
        () => region.textContent(),
        (v) => expect(v).toMatch(/^Which workstream should lead in 2027\?: 3 of \d+ voted$/),
        8000,
      );
      await page.close();
    });

    it('announces once that the current agenda item has run over its time', async () => {
      const group = { tenantId: TENANT_ID, teamId: TEAM.id };
      // The first item (10 min) started 9 min 57 s ago: it runs over a few seconds after the page opens.
      const now = new Date();
      await testRepositories(h.service.tables).sessions.live.create({
        ...group,
        sessionId: SESSION_ID,
        current: 0,
        runningSince: new Date(now.getTime() - 597_000),
        elapsedMs: [0, 0, 0, 0],
        updatedBy: USERS.amina.aadObjectId,
        updatedAt: now,
      });
      const page = await signedInPage(browser, devIdentity('sofia'), { width: 1024, height: 800 });
      await visit(page, 'en', 'session', 'Executive session 2027');
      const region = page.getByTestId('polite').first();
      expect(await region.getAttribute('aria-live')).toBe('polite');
      expect(await region.textContent()).toBe('');
      await eventually(
        () => region.textContent(),
        (v) => expect(v).toBe('Over time: Opening and adoption of the agenda'),
        8000,
      );
      await page.close();
    });
  });

  describe.each(LANGS)('%s', (lang) => {
    it('shows every view in the language, whole at 320 px, without an axe-core finding in any theme', async () => {
      const findings: string[] = [];
      for (const theme of THEMES) {
        const page = await signedInPage(browser, devIdentity('amina'), { width: WIDTH, height: 720, theme });
        for (const [view, ready] of VIEWS) {
          await visit(page, lang, view, ready);
          if (theme === 'default') {
            await screenshot(page, `l10n-${view}-${lang}`);
            for (const f of await textFindings(page, lang, SEEDED)) findings.push(`${view}: ${f}`);
            for (const f of await layoutFindings(page)) findings.push(`${view}: ${f}`);
            if (lang === 'ar') for (const f of await mirrorFindings(page)) findings.push(`${view}: ${f}`);
            if (lang === 'ar')
              for (const f of await isolationFindings(
                page,
                (ISOLATED[view] ?? []).map((x) => x.replace('{ref}', decisionRef)),
              ))
                findings.push(`${view}: ${f}`);
          }
          for (const v of await allAccessibilityViolations(page, theme === 'default' ? undefined : COLOUR_RULES))
            findings.push(`${view} (${theme}): axe ${v.id} [${v.impact}] ${v.help}: ${v.nodes.slice(0, 3).join(' | ')}`);
        }
        await page.close();
      }
      expect(findings).toEqual([]);
    });
  });
});

/**
 * What on screen is a catalogue key, an unfilled `{placeholder}`, or an English message the
 * language translates differently. Each text node and accessible-name attribute is compared
 * whole with the English message (placeholders matching anything), so English data (an
 * agenda item called "Work-plan review") is not mistaken for the "Work-plan" label.
 */
async function textFindings(page: Page, lang: string, data: string[]): Promise<string[]> {
  const mine = CATALOGS[lang]!;
  const english = lang === 'en' ? [] : Object.keys(en).filter((k) => k !== 'lang' && en[k as keyof typeof en] !== mine[k] && /\p{L}{3}/u.test(en[k as keyof typeof en].replace(/\{\w+\}/g, '')));
  const patterns = english.map((k) => [k, `^${en[k as keyof typeof en].replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '.+?')}$`] as const);
  return page.evaluate(
    ({ keys, patterns, data }) => {
      const texts: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement!;
        if (el.closest('script,style,[hidden]') || !el.checkVisibility()) continue;
        if (n.textContent!.trim()) texts.push(n.textContent!.trim());
      }
      for (const el of Array.from(document.querySelectorAll('[aria-label],[placeholder],[title],[alt]'))) {
        for (const a of ['aria-label', 'placeholder', 'title', 'alt']) if (el.getAttribute(a)?.trim()) texts.push(el.getAttribute(a)!.trim());
      }
      const found: string[] = [];
      const keySet = new Set(keys);
      const res = patterns.map(([k, p]) => [k, new RegExp(p, 's')] as const);
      for (const text of texts.filter((t) => !data.includes(t))) {
        if (/\{\w+\}/.test(text)) found.push(`placeholder left in "${text}"`);
        if (keySet.has(text)) found.push(`raw key "${text}"`);
        for (const [k, re] of res) if (re.test(text)) found.push(`English "${text}" (${k})`);
      }
      return [...new Set(found)];
    },
    { keys: Object.keys(en), patterns, data },
  );
}

/**
 * Each text (typed by people) as shown on the page, not isolated: a text node holding it that
 * is not inside a <bdi> or dir="auto" element wrapping the whole of it, nor between U+2068 and
 * U+2069 (WCAG 3.1.2 and 1.3.2: its own direction, in any language around it). A text not on
 * the page at all is a finding.
 */
async function isolationFindings(page: Page, texts: string[]): Promise<string[]> {
  return page.evaluate((texts) => {
    const found: string[] = [];
    for (const text of texts) {
      let seen = 0;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent!.includes(text) || !n.parentElement!.checkVisibility()) continue;
        seen++;
        // A message's placeholder is isolated in the text itself (U+2068 … U+2069), as cards do.
        if (n.textContent!.includes(`\u2068${text}\u2069`)) continue;
        const isolate = n.parentElement!.closest('bdi, [dir="auto"]');
        if (!isolate || isolate.textContent!.trim() !== text) found.push(`"${text}" is not isolated (in <${n.parentElement!.tagName.toLowerCase()}>: "${n.parentElement!.textContent!.slice(0, 60)}")`);
      }
      if (seen === 0) found.push(`"${text}" is not on the page`);
    }
    return found;
  }, texts);
}

/** Arabic: the document and Fluent's provider read right to left and the tab list starts at the right. */
async function mirrorFindings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    if (document.dir !== 'rtl') found.push(`document.dir is "${document.dir}"`);
    if (document.querySelector('.fui-FluentProvider')?.getAttribute('dir') !== 'rtl') found.push('Fluent provider is not dir=rtl');
    const tabs = Array.from(document.querySelectorAll('nav [role="tab"]')).map((t) => t.getBoundingClientRect());
    const list = document.querySelector('nav [role="tablist"]')?.getBoundingClientRect();
    if (!list || tabs.length < 2) found.push('no tab list');
    else if (!(tabs[0]!.right > tabs[1]!.right && list.right - tabs[0]!.right < 24)) found.push('the tab list does not start at the right');
    return found;
  });
}
