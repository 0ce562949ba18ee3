/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const SCREENSHOTS = path.resolve(__dirname, '../../test-artifacts/screenshots');

/** Debian's Chromium (Playwright cannot download its own browser here). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  if (!executablePath) throw new Error('Chromium is not installed: apt-get install -y chromium');
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'] });
}

type Violation = { id: string; impact: string; help: string; nodes: string[] };

/**
 * axe-core's findings on the page as it is now, of every impact. One known false positive is
 * set aside, and only it: Fluent UI v9's focus sentinels (`<i data-tabster-dummy aria-hidden
 * tabindex=0>`) trip aria-hidden-focus by design (Fluent's known-issues list; Microsoft's
 * Accessibility Insights suppresses the same nodes).
 */
export async function allAccessibilityViolations(page: Page, rules?: string[]): Promise<Violation[]> {
  // Evaluated through the debugging protocol, not as a <script>: the page's CSP (script-src
  // 'self') rightly refuses inline scripts, and the test must not weaken it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async (only) => {
    type Run = (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { html: string }[] }[] }>;
    const axe = (window as unknown as { axe: { run: Run } }).axe;
    return axe.run(document, only ? { runOnly: { type: 'rule', values: only } } : {});
  }, rules);
  return result.violations
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.html).filter((html) => !(v.id === 'aria-hidden-focus' && html.includes('data-tabster-dummy'))) }))
    .filter((v) => v.nodes.length > 0);
}

/** axe-core's serious and critical findings (the views' own tests; tab-languages checks every impact). */
export async function accessibilityViolations(page: Page): Promise<Violation[]> {
  return (await allAccessibilityViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Retries an assertion until it holds or `timeout` ms pass (the tab refreshes on its own). */
export async function eventually<T>(read: () => Promise<T>, check: (v: T) => void, timeout = 5000): Promise<void> {
  const until = Date.now() + timeout;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
