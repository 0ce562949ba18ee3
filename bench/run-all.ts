/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (each starts its own Azurite and
 * stand-ins, loopback only) and prints one table of their figures with goals and baselines.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Figure } from './lib/figures';

const dir = __dirname;
// `npm run bench -- load --seconds 300`: names pick benches, `--seconds N` goes to the load bench.
const argv = process.argv.slice(2);
const secondsAt = argv.indexOf('--seconds');
const seconds = secondsAt >= 0 ? argv[secondsAt + 1] : undefined;
if (secondsAt >= 0 && !(Number(seconds) > 0)) {
  process.stderr.write('--seconds needs a number of seconds, e.g. --seconds 300\n');
  process.exit(2);
}
const only = argv.filter((_, i) => secondsAt < 0 || (i !== secondsAt && i !== secondsAt + 1));
const benches = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const figures: Figure[] = [];
let failed = 0;
for (const file of benches) {
  process.stdout.write(`\n== ${file}\n`);
  const env = seconds ? { ...process.env, LOAD_SECONDS: seconds } : process.env;
  const timeout = Math.max(15 * 60_000, (Number(seconds ?? 0) + 600) * 1000);
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, file)], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'inherit'], timeout });
  for (const line of run.stdout.split('\n')) {
    if (line.startsWith('FIGURE ')) figures.push(JSON.parse(line.slice(7)) as Figure);
    else if (line.trim()) process.stdout.write(`${line}\n`);
  }
  if (run.status !== 0) {
    failed++;
    process.stdout.write(`!! ${file} exited with ${run.status ?? run.signal}\n`);
  }
}

const rows = figures.map((f) => [f.bench, f.name, `${Math.round(f.value * 100) / 100} ${f.unit}`, f.goal ?? '', f.pass === undefined ? '' : f.pass ? 'met' : 'NOT met', f.baseline ?? '']);
const header = ['bench', 'figure', 'value', 'goal', 'result', 'ratio to'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
process.stdout.write(`\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}\n\n`);
process.stdout.write(`${line(header)}\n| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |\n${rows.map(line).join('\n')}\n`);
process.exit(failed > 0 ? 1 : 0);
