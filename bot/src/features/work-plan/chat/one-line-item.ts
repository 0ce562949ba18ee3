import { PRIORITIES, type Priority } from '../domain/action-item';
import { argumentNamed, spellingsOf } from '../../../platform/i18n/argument-words';
import type { Language } from '../../../platform/i18n/i18n';
import ARGUMENTS from '../locales/arguments.json';

export interface OneLineItem {
  title: string;
  due?: string;
  priority?: Priority;
}

const escaped = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `new item Rotate VPN keys @Name due 2027-02-01 high` — by the time it gets here the
 * mention is gone from the text (the owner comes from the mention entity). `due <date>`
 * may be anywhere; a priority word may end the line. The rest is the title. `due` and the
 * priorities are English or `language`'s words (`plazo … alta`, `срок … высокий`, `截止 … 高`).
 */
export function parseOneLine(args: string, language?: Language): OneLineItem {
  let rest = ` ${args} `;
  let due: string | undefined;
  const d = new RegExp(`\\s(?:${spellingsOf(ARGUMENTS, 'due', language).map(escaped).join('|')})\\s+(\\S+)\\s`, 'iu').exec(rest);
  if (d) {
    due = d[1];
    rest = rest.slice(0, d.index) + ' ' + rest.slice(d.index + d[0].length);
  }
  const words = rest.trim().split(/\s+/).filter(Boolean);
  let priority: Priority | undefined;
  const last = words.length > 1 ? argumentNamed(ARGUMENTS, words[words.length - 1]!, language) : undefined;
  if (last && (PRIORITIES as readonly string[]).includes(last)) {
    priority = last as Priority;
    words.pop();
  }
  return { title: words.join(' '), ...(due ? { due } : {}), ...(priority ? { priority } : {}) };
}
