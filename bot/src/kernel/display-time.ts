/**
 * How a moment is shown to people, in the bot's cards and in the tab alike (the tab imports
 * this file): one format per language, in a named zone. The language alone picks the format
 * ("en-US" and "en-GB" clients read the same "Mar 14, 2027, 2:30 PM"), so a card and the tab
 * never disagree. Plain Intl only: no imports, so the tab's bundle can take it as it is.
 */

const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
const DATE: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };

/** The languages Quorum speaks (the six official languages of the United Nations). */
const SPOKEN = ['en', 'fr', 'es', 'ar', 'ru', 'zh'] as const;

/** "fr-CA" → "fr"; a language Quorum does not speak reads English. */
export function displayLanguage(locale: string | undefined): (typeof SPOKEN)[number] {
  const lang = (locale ?? '').slice(0, 2).toLowerCase();
  return (SPOKEN as readonly string[]).includes(lang) ? (lang as (typeof SPOKEN)[number]) : 'en';
}

/** Building an Intl.DateTimeFormat costs far more than using one: keep one per zone, language and style. */
const formats = new Map<string, Intl.DateTimeFormat>();
function formatter(style: 'dt' | 'd', timeZone: string, language: string): Intl.DateTimeFormat {
  const key = `${style}|${language}|${timeZone}`;
  let f = formats.get(key);
  if (!f) {
    if (formats.size > 500) formats.clear();
    f = new Intl.DateTimeFormat(language, { ...(style === 'dt' ? DATE_TIME : DATE), timeZone });
    formats.set(key, f);
  }
  return f;
}

/** "Mar 14, 2027, 2:30 PM (Europe/Zurich)" / "14 mars 2027, 14:30 (Europe/Zurich)". */
export function formatDateTime(at: Date, timeZone: string, locale: string): string {
  return `${formatter('dt', timeZone, displayLanguage(locale)).format(at)} (${timeZone})`;
}

/** A start and an end, the date written once when both fall on it, with the zone named. */
export function formatDateTimeRange(start: Date, end: Date, timeZone: string, locale: string): string {
  return `${formatter('dt', timeZone, displayLanguage(locale)).formatRange(start, end)} (${timeZone})`;
}

/** "Mar 14, 2027": the date in the zone (the zone is not named: a date alone needs no hour). */
export function formatDate(at: Date, timeZone: string, locale: string): string {
  return formatter('d', timeZone, displayLanguage(locale)).format(at);
}
