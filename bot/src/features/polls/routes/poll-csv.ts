import { plainName } from '../../../kernel/plain-text';
import { ANSWERS, type Poll } from '../domain/poll';
import { csvCell } from '../../../kernel/text-escape';
import type { NamedVote } from '../domain/ports';
import type { PollResults } from '../domain/results';
import type { Translate } from '../../../platform/i18n/i18n';

/** One CSV line through the one cell writer (no formulas, no control characters). */
const line = (cells: (string | number)[]) => cells.map(csvCell).join(',');

/** Named polls: one line per voter and option chosen. */
export function namedCsv(t: Translate, poll: Poll, votes: NamedVote[]): string {
  const text = new Map(poll.options.map((o) => [o.id, o.text]));
  const rows = [line(['voter', 'option', 'answer'])];
  for (const v of [...votes].sort((a, b) => a.name.localeCompare(b.name))) {
    if (v.ballot.kind === 'choices') for (const id of v.ballot.optionIds) rows.push(line([plainName(v.name), text.get(id) ?? id, '']));
    else for (const o of poll.options) rows.push(line([plainName(v.name), o.text, t(`polls.answers.${v.ballot.answers[o.id] ?? 'no'}`)]));
  }
  return rows.join('\r\n') + '\r\n';
}

/** Anonymous polls: counts only — there is nothing else to export. */
export function countsCsv(poll: Poll, results: PollResults): string {
  const rows =
    poll.kind === 'availability'
      ? [line(['option', ...ANSWERS]), ...results.options.map((r) => line([r.text, r.count, r.maybe, r.no]))]
      : [line(['option', 'votes', 'percent']), ...results.options.map((r) => line([r.text, r.count, r.percent]))];
  rows.push(line(['voters', results.voters, '']));
  return rows.join('\r\n') + '\r\n';
}
