import type { en } from './messages.en';

/**
 * A translation of the tab: every English key, plus the plural forms (`key_few`) a language has
 * beyond English's one and other. `message()` picks them by the language's Intl.PluralRules; the
 * plain key is the "other" form.
 */
export type Translation = typeof en & { [form: `${string}_${'zero' | 'two' | 'few' | 'many'}`]: string };
