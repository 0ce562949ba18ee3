import type { DecisionRecord } from './decision';

export interface DecisionQuery {
  words: string[];
  year?: number;
}

/** `decisions 2026 budget vote` → year 2026, words [budget, vote]. */
export function parseDecisionQuery(args: string): DecisionQuery {
  const query: DecisionQuery = { words: [] };
  for (const token of args.split(/\s+/).filter(Boolean).slice(0, 12)) {
    if (/^(19|20|21)\d{2}$/.test(token) && query.year === undefined) query.year = Number(token);
    else query.words.push(fold(token).slice(0, 60));
  }
  return query;
}

/** Newest first; every word must appear (accents and case ignored) in the title, text, rationale or reference. */
export function searchDecisions(records: readonly DecisionRecord[], query: DecisionQuery): DecisionRecord[] {
  return records
    .filter((r) => query.year === undefined || r.year === query.year)
    .filter((r) => {
      if (query.words.length === 0) return true;
      const haystack = fold([r.ref, r.title, r.text, r.rationale ?? ''].join('\n'));
      return query.words.every((w) => haystack.includes(w));
    })
    .sort((a, b) => b.seq - a.seq);
}

export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
  total: number;
}

export function pageOf<T>(items: readonly T[], page: number, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const p = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  return { items: items.slice(p * size, p * size + size), page: p, pages, total: items.length };
}
