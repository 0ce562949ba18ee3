import { parse } from 'csv-parse/sync';

/**
 * Reads a CSV the way a strict RFC 4180 reader does (csv-parse, not our writer's own logic):
 * CRLF records, quotes doubled inside quoted fields, and every record as wide as the header —
 * a ragged row or a stray quote throws instead of being read leniently.
 */
export function readCsv(text: string): string[][] {
  return parse(text, { record_delimiter: '\r\n', bom: true, relax_quotes: false, relax_column_count: false, skip_empty_lines: false }) as string[][];
}
