import { localParts } from '../../../kernel/local-time';

/** The catalog lookup the renderers use (i18n stays at the edge; this is its shape). */
export type Label = (key: string, params?: Record<string, string | number>) => string;

/** `2027-03-14 14:30` in the group's zone: unambiguous in every language, and sortable. */
export function localStamp(iso: string, timeZone: string): string {
  const { date, time } = localParts(new Date(iso), timeZone);
  return `${date} ${time}`;
}

/**
 * A file name from a title: letters and digits of any script kept (the download header carries
 * them as RFC 5987 `filename*`), every other run a hyphen; cut by code points, never inside one.
 */
export function fileStem(text: string): string {
  const stem = text.replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '');
  return Array.from(stem).slice(0, 60).join('').replace(/-+$/, '') || 'report';
}
