import { plainName } from '../../../kernel/plain-text';
import { csvDocument } from '../../../kernel/csv';
import { refOf, type ActionItem } from '../domain/action-item';

const HEADER = ['ref', 'title', 'status', 'priority', 'progress', 'due', 'owner', 'organisation', 'area', 'description', 'updatedAt'];

/** One row per item, through the one CSV writer (no formulas, no control characters). */
export function toCsv(items: readonly ActionItem[], names: ReadonlyMap<string, string>): string {
  const rows = items.map((i) => [
    refOf(i.number),
    i.title,
    i.status,
    i.priority,
    i.progress,
    i.due,
    i.ownerId ? plainName(names.get(i.ownerId) ?? i.ownerId) : '',
    i.organisation,
    i.area,
    i.description,
    i.updatedAt,
  ]);
  return csvDocument(HEADER, rows);
}
