import { createContext, useContext } from 'react';
import { en } from './messages.en';
import { fr } from './messages.fr';

export type Messages = typeof en;
export type MessageKey = keyof Messages;

const catalogs: Record<'en' | 'fr', Messages> = { en, fr };

export function messagesFor(locale: string): Messages {
  return locale.toLowerCase().startsWith('fr') ? catalogs.fr : catalogs.en;
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
  const count = params.count;
  if (typeof count === 'number') {
    const form = `${key}_${new Intl.PluralRules(m.lang).select(count)}`;
    if (form in m) return format(m[form as MessageKey], params);
  }
  return format(m[key], params);
}

export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const m = useContext(MessagesContext);
  return (key, params) => message(m, key, params);
}
