import { refOf, type ActionItem } from '../../../domain/work-plan/action-item';

const HEADER = ['ref', 'title', 'status', 'priority', 'progress', 'due', 'owner', 'organisation', 'area', 'description', 'updatedAt'];

/**
 * RFC 4180 CSV. Cells that a spreadsheet would read as a formula (= + - @, tab, CR) get a
 * leading apostrophe, so an item title cannot run code in whoever opens the export.
 */
function cell(value: string | number | undefined): string {
  let s = value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(items: readonly ActionItem[], names: ReadonlyMap<string, string>): string {
  const rows = items.map((i) => [refOf(i.number), i.title, i.status, i.priority, i.progress, i.due, i.ownerId ? (names.get(i.ownerId) ?? i.ownerId) : '', i.organisation, i.area, i.description, i.updatedAt]);
  return [HEADER, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
