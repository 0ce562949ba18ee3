import { TableClient, TableServiceClient } from '@azure/data-tables';
import { testStorageConnection } from './storage';

/** One stored row as a storage reader gets it: every property, the system ones included, and its place in the listing. */
export interface SeenRow {
  table: string;
  order: number;
  partitionKey: string;
  rowKey: string;
  etag: string;
  timestamp: string;
  props: Record<string, unknown>;
  json: string;
}

/** Every entity of every table of one deployment (no `select`), in the order storage returns them. */
export async function readEverything(prefix: string): Promise<SeenRow[]> {
  const cs = testStorageConnection();
  const service = TableServiceClient.fromConnectionString(cs, { allowInsecureConnection: true });
  const out: SeenRow[] = [];
  for await (const t of service.listTables()) {
    const name = t.name ?? '';
    if (!name.startsWith(prefix)) continue;
    const client = TableClient.fromConnectionString(cs, name, { allowInsecureConnection: true });
    for await (const e of client.listEntities<Record<string, unknown>>()) {
      const { partitionKey, rowKey, etag, timestamp, ...props } = e as Record<string, unknown>;
      out.push({
        table: name,
        order: out.length,
        partitionKey: String(partitionKey),
        rowKey: String(rowKey),
        etag: String(etag),
        timestamp: String(timestamp ?? ''),
        props,
        json: JSON.stringify(e).toLowerCase(),
      });
    }
  }
  return out;
}

/** Storage times carry up to 7 fractional digits: microseconds since the epoch keep them apart. */
function micros(ts: string): number {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(ts);
  if (!m) return Number.NaN;
  return Date.parse(`${m[1]}Z`) * 1000 + Number(`0.${m[2] ?? '0'}`) * 1e6;
}

/** Something that holds choices: a counter (a counts vector over `size` ballots) or a single stored ballot. */
interface Container {
  row: SeenRow;
  counts: number[];
  size: number;
  at: number;
}

export interface Target {
  pollId: string;
  options: number;
  /** Object ids of everyone who voted (the markers, or the member list, give these away). */
  voters: string[];
}

export type Guesses = Record<string, number>;

/** The index of the largest count (the lowest index on a tie): the guess "everyone chose the favourite". */
export function argmax(counts: readonly number[]): number {
  let best = 0;
  counts.forEach((c, i) => {
    if (c > (counts[best] ?? 0)) best = i;
  });
  return best;
}

function containersOf(rows: SeenRow[], target: Target): Container[] {
  const out: Container[] = [];
  for (const row of rows) {
    if (!row.json.includes(target.pollId.toLowerCase())) continue;
    for (const value of Object.values(row.props)) {
      if (typeof value !== 'string') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        continue;
      }
      const at = micros(row.timestamp);
      if (Array.isArray(parsed) && parsed.length === target.options && parsed.every((n) => typeof n === 'number')) {
        const counts = parsed as number[];
        const size = typeof row.props.voters === 'number' ? row.props.voters : counts.reduce((a, b) => a + b, 0);
        if (size > 0) out.push({ row, counts, size, at });
      } else if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { optionIds?: unknown }).optionIds)) {
        const counts = new Array<number>(target.options).fill(0);
        for (const id of (parsed as { optionIds: string[] }).optionIds) counts[Number(id.slice(1))]! += 1;
        out.push({ row, counts, size: 1, at });
      }
    }
  }
  return out;
}

/** When each voter shows in storage: every row that names them (markers, or anything else written later). */
function voterTimes(rows: SeenRow[], target: Target): Map<string, { at: number[]; etags: string[]; order: number }> {
  const out = new Map<string, { at: number[]; etags: string[]; order: number }>();
  for (const v of target.voters) {
    const mine = rows.filter((r) => r.json.includes(v.toLowerCase()) && r.json.includes(target.pollId.toLowerCase()));
    out.set(v, { at: mine.map((r) => micros(r.timestamp)), etags: mine.map((r) => r.etag), order: Math.min(...mine.map((r) => r.order)) });
  }
  return out;
}

const gap = (a: number[], t: number) => Math.min(...a.map((x) => Math.abs(x - t)));

/**
 * The attacker's heuristics, given everything stored and the results (`tally`, as published
 * at close). Each returns a guess (option index) for every voter it can place; voters it
 * cannot place get the favourite, so no heuristic does worse than the baseline by refusing.
 */
export function attack(rows: SeenRow[], target: Target, tally: readonly number[]): Record<string, Guesses> {
  const fallback = argmax(tally);
  const containers = containersOf(rows, target);
  const times = voterTimes(rows, target);
  const guesses = (place: (v: string) => number | undefined): Guesses => Object.fromEntries(target.voters.map((v) => [v, place(v) ?? fallback]));
  const singles = containers.filter((c) => c.size === 1);

  // Voters and single-ballot containers paired one to one, closest in time first.
  const greedy = new Map<string, number>();
  const pairs = target.voters.flatMap((v) => singles.map((c, i) => ({ v, i, d: gap(times.get(v)!.at, c.at) })));
  const usedC = new Set<number>();
  for (const p of pairs.sort((a, b) => a.d - b.d)) {
    if (greedy.has(p.v) || usedC.has(p.i)) continue;
    greedy.set(p.v, argmax(singles[p.i]!.counts));
    usedC.add(p.i);
  }

  // Both lists in order (storage listing order, and time order), paired position by position.
  const byOrder = new Map<string, number>();
  const byTime = new Map<string, number>();
  if (singles.length > 0) {
    const votersByOrder = [...target.voters].sort((a, b) => times.get(a)!.order - times.get(b)!.order);
    const votersByTime = [...target.voters].sort((a, b) => Math.min(...times.get(a)!.at) - Math.min(...times.get(b)!.at));
    const singlesByOrder = [...singles].sort((a, b) => a.row.order - b.row.order);
    const singlesByTime = [...singles].sort((a, b) => a.at - b.at);
    votersByOrder.forEach((v, i) => singlesByOrder[i] && byOrder.set(v, argmax(singlesByOrder[i]!.counts)));
    votersByTime.forEach((v, i) => singlesByTime[i] && byTime.set(v, argmax(singlesByTime[i]!.counts)));
  }

  // Batches: each container, oldest first, takes as its members the not yet placed voters
  // who appeared last before it (as many as it holds); each member gets the batch's favourite.
  const batch = new Map<string, number>();
  for (const c of [...containers].sort((a, b) => a.at - b.at || a.size - b.size)) {
    const free = target.voters.filter((v) => !batch.has(v) && Math.min(...times.get(v)!.at) <= c.at + 1);
    free.sort((a, b) => gap(times.get(a)!.at, c.at) - gap(times.get(b)!.at, c.at));
    for (const v of free.slice(0, c.size)) batch.set(v, argmax(c.counts));
  }

  // What the results hold beyond every row that holds ballots: the voters no row took.
  const rest = tally.map((c, i) => c - containers.reduce((sum, k) => sum + (k.counts[i] ?? 0), 0));
  const unplaced = rest.some((c) => c > 0) ? argmax(rest) : undefined;

  return {
    sameTimestampOrEtag: guesses((v) => {
      const t = times.get(v)!;
      const hit = containers.filter((c) => t.at.includes(c.at) || t.etags.includes(c.row.etag)).sort((a, b) => a.size - b.size)[0];
      return hit && argmax(hit.counts);
    }),
    nearestTimestamp: guesses((v) => {
      const t = times.get(v)!;
      const hit = [...containers].sort((a, b) => gap(t.at, a.at) - gap(t.at, b.at) || a.size - b.size)[0];
      return hit && argmax(hit.counts);
    }),
    singleBallotClosestInTime: guesses((v) => greedy.get(v)),
    rowOrder: guesses((v) => byOrder.get(v)),
    timeOrder: guesses((v) => byTime.get(v)),
    batchMembership: guesses((v) => batch.get(v)),
    batchesThenResultsMinusBatches: guesses((v) => batch.get(v) ?? unplaced),
  };
}
