/// <reference lib="dom" />
import type { Locator, Page } from 'playwright-core';

/** What has the keyboard focus, and how (if at all) it is shown. */
export interface Focus {
  tag: string;
  role: string;
  name: string;
  /** The visible focus indicator found, e.g. `::after border-bottom 2px solid`; null when there is none. */
  indicator: string | null;
}

/**
 * Reads the focused element (null: the page itself) and looks for a visible focus indicator
 * where Fluent UI v9 draws one: an outline or box-shadow on the element, a border or outline
 * on its ::before/::after (buttons, tabs), the bottom bar of an input's or select's root
 * (scaled from 0 to full width on focus), or a link's double underline.
 */
/**
 * Looks for a visible focus indicator on `el` where Fluent UI v9 draws one: an outline or
 * box-shadow on the element; a border, outline or coloured bar (background image) on its
 * ::before/::after; the bottom bar of an input's, select's or checkbox's root, scaled from
 * 0 to full width on focus; a link's double underline. Self-contained: it runs in the page.
 */
function inspect(el: Element): Focus {
  const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const labelled = el.getAttribute('aria-labelledby');
  const labels = (el as HTMLInputElement).labels;
  const name =
    el.getAttribute('aria-label') ??
    (labelled
      ? labelled
          .split(' ')
          .map((id) => text(document.getElementById(id)))
          .join(' ')
      : labels && labels.length > 0
        ? text(labels[0]).replace(/\s*\*$/, '') // a required field's asterisk is not read
        : text(el));
  const found = (indicator: string | null): Focus => ({ tag: el.tagName.toLowerCase(), role: el.getAttribute('role') ?? '', name, indicator });
  const visible = (s: CSSStyleDeclaration) => s.display !== 'none' && s.visibility !== 'hidden' && s.opacity !== '0';
  // A transform that scales the box to nothing along x (an input's bar before focus) hides it.
  const collapsed = (s: CSSStyleDeclaration) => /^matrix\(0(\.0+)?,/.test(s.transform);
  const painted = (c: string) => c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c);
  const root = el.closest('.fui-Input, .fui-Select, .fui-Textarea, .fui-Dropdown, .fui-Combobox, .fui-Checkbox, .fui-SpinButton');
  for (const node of [el, root].filter((n): n is Element => Boolean(n))) {
    for (const pseudo of [null, '::before', '::after']) {
      const s = getComputedStyle(node, pseudo);
      if (pseudo && (s.content === 'none' || s.content === 'normal')) continue;
      if (!visible(s) || collapsed(s)) continue;
      const where = `${node === el ? '' : '.' + (root?.className.split(' ')[0] ?? '')}${pseudo ?? ''}`;
      if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && painted(s.outlineColor)) return found(`${where} outline ${s.outlineWidth} ${s.outlineStyle}`);
      if (s.boxShadow !== 'none') return found(`${where} box-shadow ${s.boxShadow}`);
      if (pseudo) {
        if (s.backgroundImage !== 'none' && parseFloat(s.height) > 0) return found(`${where} bar`);
        for (const side of ['top', 'right', 'bottom', 'left']) {
          const width = parseFloat(s.getPropertyValue(`border-${side}-width`));
          if (width > 0 && s.getPropertyValue(`border-${side}-style`) !== 'none' && painted(s.getPropertyValue(`border-${side}-color`))) return found(`${where} border-${side} ${width}px`);
        }
      }
    }
  }
  const own = getComputedStyle(el);
  if (own.textDecorationLine.includes('underline') && own.textDecorationStyle === 'double') return found('double underline');
  return found(null);
}

/** The focused element (null: the page itself) and how its focus is shown. */
export async function focused(page: Page): Promise<Focus | null> {
  const handle = await page.evaluateHandle(() => {
    const el = document.activeElement;
    return el && el !== document.body && el !== document.documentElement ? el : null;
  });
  const el = handle.asElement();
  if (!el) return null;
  return el.evaluate(inspect);
}

/** The indicator an element shows now (null when none): checks that unfocused controls show none. */
export async function indicatorOf(locator: Locator): Promise<string | null> {
  return (await locator.evaluate(inspect)).indicator;
}

const describe = (f: Focus | null) => (f ? `${f.role || f.tag} "${f.name.slice(0, 60)}"` : '(page)');

/**
 * Presses `key` (Tab by default) until the focused element matches, at most `max` times.
 * Every stop on the way must show its focus (WCAG 2.4.7): Fluent's indicators fade in, so
 * each is given a moment. Returns the stops, to check their order.
 */
export async function pressUntil(page: Page, match: (f: Focus) => boolean, opts: { key?: string; max?: number } = {}): Promise<Focus[]> {
  const stops: Focus[] = [];
  for (let i = 0; i < (opts.max ?? 40); i++) {
    await page.keyboard.press(opts.key ?? 'Tab');
    const f = await shownFocus(page);
    if (f) stops.push(f);
    if (f && match(f)) return stops;
  }
  throw new Error(`focus never reached the target after ${opts.max ?? 40} × ${opts.key ?? 'Tab'}; stops: ${stops.map(describe).join(' → ')}`);
}

/** The focused element once its indicator has had time to appear; fails naming it if it never shows. */
export async function shownFocus(page: Page): Promise<Focus | null> {
  const until = Date.now() + 2000;
  for (;;) {
    const f = await focused(page);
    if (!f || f.indicator) return f;
    if (Date.now() > until) throw new Error(`focus is not visible on ${describe(f)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Marks the focused element so a later check can tell whether focus came back to that very node. */
export async function markFocused(page: Page): Promise<void> {
  await page.evaluate(() => document.activeElement?.setAttribute('data-kbd-mark', ''));
}

/** Whether focus is on the node `markFocused` marked (and visible there). */
export async function onMarked(page: Page): Promise<boolean> {
  const on = await page.evaluate(() => document.activeElement?.hasAttribute('data-kbd-mark') ?? false);
  if (on) await shownFocus(page);
  return on;
}

export const named =
  (name: string | RegExp, role?: string) =>
  (f: Focus): boolean =>
    (role === undefined || f.role === role || f.tag === role) && (typeof name === 'string' ? f.name === name : name.test(f.name));
