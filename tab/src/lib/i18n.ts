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

export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const m = useContext(MessagesContext);
  return (key, params) => format(m[key], params);
}
