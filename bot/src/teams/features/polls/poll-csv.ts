import { ANSWERS, type Poll } from '../../../domain/polls/poll';
import type { NamedVote } from '../../../domain/polls/ports';
import type { PollResults } from '../../../domain/polls/results';
import type { Translate } from '../../../i18n/i18n';

/**
 * RFC 4180 quoting, plus a leading apostrophe on cells a spreadsheet would run as a formula
 * (user text starting with = + - @). Hand-written: a few lines, no CSV library is a dependency.
 */
function cell(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (cells: (string | number)[]) => cells.map(cell).join(',');

/** Named polls: one line per voter and option chosen. */
export function namedCsv(t: Translate, poll: Poll, votes: NamedVote[]): string {
  const text = new Map(poll.options.map((o) => [o.id, o.text]));
  const rows = [line(['voter', 'option', 'answer'])];
  for (const v of [...votes].sort((a, b) => a.name.localeCompare(b.name))) {
    if (v.ballot.kind === 'choices') for (const id of v.ballot.optionIds) rows.push(line([v.name, text.get(id) ?? id, '']));
    else for (const o of poll.options) rows.push(line([v.name, o.text, t(`polls.answers.${v.ballot.answers[o.id] ?? 'no'}`)]));
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
