import { createContext, useContext } from 'react';
import { ar } from './messages.ar';
import { en } from './messages.en';
import { es } from './messages.es';
import { fr } from './messages.fr';
import { ru } from './messages.ru';
import { zh } from './messages.zh';

export type Messages = typeof en;
export type MessageKey = keyof Messages;

/** The six official languages of the United Nations; Chinese is Simplified, whatever the client's script. */
const catalogs: Record<string, Messages> = { ar, en, es, fr, ru, zh };

export function messagesFor(locale: string): Messages {
  return catalogs[locale.slice(0, 2).toLowerCase()] ?? en;
}

/** Arabic reads right to left: the whole tab mirrors (Fluent flips its styles for `dir="rtl"`). */
export function directionOf(m: Messages): 'rtl' | 'ltr' {
  return m.lang === 'ar' ? 'rtl' : 'ltr';
}

/** `{name}` placeholders filled from params; the result is plain text (React escapes it). */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_m, k: string) => String(params[k] ?? `{${k}}`));
}

export const MessagesContext = createContext<Messages>(en);

/**
 * The message for `params.count` by the language's plural rules: `key_one` when the catalog
 * has it and the rule says "one" (1 in English; 0 and 1 in French), else the plain key.
 */
export function message(m: Messages, key: MessageKey, params: Record<string, string | number> = {}): string {
  const shown = directionOf(m) === 'rtl' ? isolated(params) : params;
  const count = params.count;
  if (typeof count === 'number') {
    const form = `${key}_${new Intl.PluralRules(m.lang).select(count)}`;
    if (form in m) return format(m[form as MessageKey], shown);
  }
  return format(m[key], shown);
}

/**
 * In right-to-left text a Latin value (D-2027-004, an English title) is isolated (U+2068 …
 * U+2069) so the bidi algorithm lays it out on its own instead of swapping it with the Arabic
 * around it. Numbers are laid out well as they are.
 */
function isolated(params: Record<string, string | number>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' && v !== '' ? `\u2068${v}\u2069` : v]));
}

export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const m = useContext(MessagesContext);
  return (key, params) => message(m, key, params);
}
