/// <reference lib="dom" />
import type { Page } from 'playwright-core';

/** The page scrolling sideways, or text clipped by its own box (cut off, ellipsis). */
export async function layoutFindings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) found.push(`page scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      if (el.matches('input,textarea,select,option,script,style,svg *') || !el.checkVisibility()) continue;
      const hasText = Array.from(el.childNodes).some((c) => c.nodeType === Node.TEXT_NODE && c.textContent!.trim());
      // Visually hidden text (a fieldset's legend, a live region) is clipped on purpose.
      if (!hasText || getComputedStyle(el).clip !== 'auto') continue;
      const rect = el.getBoundingClientRect();
      if (rect.right > root.clientWidth + 1 || rect.left < -1) found.push(`"${el.innerText.slice(0, 40)}" runs off the page (${Math.round(rect.left)}–${Math.round(rect.right)})`);
      if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 1) found.push(`"${el.innerText.slice(0, 40)}" is wider than its box (${el.scrollWidth} > ${el.clientWidth})`);
    }
    return found;
  });
}
