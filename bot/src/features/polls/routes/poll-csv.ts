import { plainName } from '../../../kernel/plain-text';
import { ANSWERS, type Poll } from '../domain/poll';
import { csvDocument, type CsvCell } from '../../../kernel/csv';
import type { NamedVote } from '../domain/ports';
import type { PollResults } from '../domain/results';
import type { Translate } from '../../../platform/i18n/i18n';

/** Named polls: one line per voter and option chosen. */
export function namedCsv(t: Translate, poll: Poll, votes: NamedVote[]): string {
  const text = new Map(poll.options.map((o) => [o.id, o.text]));
  const rows: CsvCell[][] = [];
  for (const v of [...votes].sort((a, b) => a.name.localeCompare(b.name))) {
    if (v.ballot.kind === 'choices') for (const id of v.ballot.optionIds) rows.push([plainName(v.name), text.get(id) ?? id, '']);
    else for (const o of poll.options) rows.push([plainName(v.name), o.text, t(`polls.answers.${v.ballot.answers[o.id] ?? 'no'}`)]);
  }
  return csvDocument(['voter', 'option', 'answer'], rows);
}

/** Anonymous polls: counts only — there is nothing else to export. The last row counts the voters. */
export function countsCsv(poll: Poll, results: PollResults): string {
  if (poll.kind === 'availability') {
    const rows: CsvCell[][] = results.options.map((r) => [r.text, r.count, r.maybe, r.no]);
    return csvDocument(['option', ...ANSWERS], [...rows, ['voters', results.voters, '', '']]);
  }
  const rows: CsvCell[][] = results.options.map((r) => [r.text, r.count, r.percent]);
  return csvDocument(['option', 'votes', 'percent'], [...rows, ['voters', results.voters, '']]);
}
