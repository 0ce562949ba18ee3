import { csvCell } from './text-escape';

export type CsvCell = string | number | undefined;

/** Excel reads a CSV as UTF-8 only when it starts with a byte-order mark; RFC 4180 readers skip it. */
const BOM = '\uFEFF';

/**
 * The one CSV writer: every CSV the service serves is built here. Hand-written rather than a
 * library because no CSV writer is a runtime dependency and RFC 4180 is three rules: CRLF after
 * every record, a field quoted when it holds `"`, `,`, CR or LF (quotes doubled), and every
 * record as wide as the header. Cells go through `csvCell`, so no text becomes a formula.
 *
 * A row of another width is a bug in the caller (a strict reader refuses the whole file, a
 * lenient one shifts columns), so it throws instead of writing a file that reads wrong.
 */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  if (header.length === 0) throw new Error('a CSV needs at least one column');
  rows.forEach((row, i) => {
    if (row.length !== header.length) throw new Error(`CSV row ${i + 1} has ${row.length} fields, the header ${header.length}`);
  });
  return BOM + [header, ...rows].map((r) => r.map(csvCell).join(',') + '\r\n').join('');
}
