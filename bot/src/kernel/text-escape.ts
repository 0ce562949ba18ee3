import { plainText } from './plain-text';

/**
 * Escaping for each report format. User text (titles, questions, options, areas…) only ever
 * reaches a report through these: it can never become markup, a link or a formula.
 */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c]!);
}

/**
 * CommonMark/GFM: an escaped ASCII punctuation character is always literal. Escaped
 * everywhere: the characters of emphasis, code, links, HTML, entities, tables, strikethrough
 * and template syntax. At the start of the value, what could open a block (list, heading,
 * quote, setext underline). Autolinks are broken (`http\://`, `www\.`, `@`). Line breaks
 * become spaces: one value, one line. The rest (. , : ? ! ( ) - …) stays readable.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim()
    .replace(/[\\`*_{}[\]<>#|~&$@]/g, '\\$&')
    .replace(/(\w):(?=\/\/)/g, '$1\\:')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Multi-line text as escaped lines (for a block quote); blank lines kept as paragraph breaks. */
export function markdownLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map((line) => escapeMarkdown(line));
}

/**
 * One RFC 4180 cell, for every CSV the service writes (`kernel/csv.ts` puts them in rows).
 * Control characters go first (line breaks kept, as LF inside the quoted cell), so none can
 * hide a formula or break a row. Then text a spreadsheet could run gets a leading apostrophe:
 * = + - @ first (after any blanks), or a tab or CR first (OWASP's list: some spreadsheets
 * skip them and read what follows as a formula). Numbers are numbers and stay as they are.
 */
export function csvCell(value: string | number | undefined): string {
  let s = value === undefined ? '' : typeof value === 'string' ? plainText(value) : String(value);
  if (typeof value === 'string' && (/^[\t\r]/.test(value) || /^\s*[=+\-@]/.test(s))) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
