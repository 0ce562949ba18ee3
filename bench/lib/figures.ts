/** Benchmarks print their figures as one JSON line each (for `npm run bench` to collect) and as text. */
export interface Figure {
  bench: string;
  name: string;
  value: number;
  unit: string;
  /** What the value is a ratio to, when it is a ratio. */
  baseline?: string;
  goal?: string;
  pass?: boolean;
}

export function report(f: Figure): void {
  const goal = f.goal ? `  (goal ${f.goal}${f.pass === undefined ? '' : f.pass ? ': met' : ': NOT met'})` : '';
  const base = f.baseline ? `  vs ${f.baseline}` : '';
  process.stdout.write(`${f.bench} | ${f.name}: ${round(f.value)} ${f.unit}${base}${goal}\n`);
  process.stdout.write(`FIGURE ${JSON.stringify(f)}\n`);
}

export function round(x: number): number {
  return Math.round(x * 100) / 100;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
