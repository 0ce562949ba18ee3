import { localParts } from '../../../kernel/local-time';

/** The catalog lookup the renderers use (i18n stays at the edge; this is its shape). */
export type Label = (key: string, params?: Record<string, string | number>) => string;

/** `2027-03-14 14:30` in the group's zone: unambiguous in every language, and sortable. */
export function localStamp(iso: string, timeZone: string): string {
  const { date, time } = localParts(new Date(iso), timeZone);
  return `${date} ${time}`;
}

export function fileStem(text: string): string {
  return (
    text
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'report'
  );
}
