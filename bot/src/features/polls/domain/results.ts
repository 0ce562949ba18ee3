import { ANSWERS, type Poll, type Tally } from './poll';

export interface OptionResult {
  id: string;
  text: string;
  /** Single/multiple: voters who chose it. Availability: "yes" answers. */
  count: number;
  /** Availability only. */
  maybe: number;
  no: number;
  /** Of the voters, rounded to a whole percent (multiple choice can add up past 100). */
  percent: number;
  /** Among the leaders (a tie when several lead). */
  leading: boolean;
}

export interface PollResults {
  voters: number;
  options: OptionResult[];
  /** Two or more options share the lead. */
  tie: boolean;
}

/**
 * Results from the counters. Availability is ranked by "yes", then by "if need be"; a tie is
 * any shared lead with at least one vote, and is shown as such rather than broken arbitrarily.
 */
export function computeResults(poll: Pick<Poll, 'kind' | 'options'>, tally: Tally): PollResults {
  const per = poll.kind === 'availability' ? ANSWERS.length : 1;
  const options = poll.options.map((o, i) => {
    const base = i * per;
    const count = tally.counts[base] ?? 0;
    const maybe = per > 1 ? (tally.counts[base + 1] ?? 0) : 0;
    const no = per > 1 ? (tally.counts[base + 2] ?? 0) : 0;
    const percent = tally.voters > 0 ? Math.round((count / tally.voters) * 100) : 0;
    return { id: o.id, text: o.text, count, maybe, no, percent, leading: false };
  });
  const score = (r: OptionResult) => r.count * 1_000_000 + r.maybe;
  const best = Math.max(0, ...options.map(score));
  let leaders = 0;
  if (best > 0) {
    for (const r of options) {
      if (score(r) === best) {
        r.leading = true;
        leaders++;
      }
    }
  }
  return { voters: tally.voters, options, tie: leaders > 1 };
}
