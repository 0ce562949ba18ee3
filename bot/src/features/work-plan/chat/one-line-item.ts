import { PRIORITIES, type Priority } from '../domain/action-item';
import { spellingsOf } from '../../../platform/i18n/argument-words';
import ARGUMENTS from '../locales/arguments.json';

export interface OneLineItem {
  title: string;
  due?: string;
  priority?: Priority;
}

/** `due <date>`, with `due` in any language's word (locales/arguments.json). */
const DUE = new RegExp(`\\s(?:${spellingsOf(ARGUMENTS, 'due').map(escaped).join('|')})\\s+(\\S+)\\s`, 'iu');

function escaped(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `new item Rotate VPN keys @Name due 2027-02-01 high` — by the time it gets here the
 * mention is gone from the text (the owner comes from the mention entity). `due <date>`
 * may be anywhere (`due` in any language's word: `plazo`, `срок`, `截止`…); a priority word
 * may end the line. The rest is the title.
 */
export function parseOneLine(args: string): OneLineItem {
  let rest = ` ${args} `;
  let due: string | undefined;
  const d = DUE.exec(rest);
  if (d) {
    due = d[1];
    rest = rest.slice(0, d.index) + ' ' + rest.slice(d.index + d[0].length);
  }
  const words = rest.trim().split(/\s+/).filter(Boolean);
  let priority: Priority | undefined;
  const last = words[words.length - 1]?.toLowerCase();
  if (last && (PRIORITIES as readonly string[]).includes(last) && words.length > 1) {
    priority = last as Priority;
    words.pop();
  }
  return { title: words.join(' '), ...(due ? { due } : {}), ...(priority ? { priority } : {}) };
}
