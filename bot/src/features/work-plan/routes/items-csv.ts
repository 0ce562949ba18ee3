import { plainName } from '../../../kernel/plain-text';
import { csvRows } from '../../../kernel/text-escape';
import { refOf, type ActionItem } from '../domain/action-item';

const HEADER = ['ref', 'title', 'status', 'priority', 'progress', 'due', 'owner', 'organisation', 'area', 'description', 'updatedAt'];

/** RFC 4180 CSV through the one cell writer (no formulas, no control characters). */
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
  return csvRows([HEADER, ...rows]);
}
