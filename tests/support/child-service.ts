import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export interface ChildService {
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
  /** Resolves with the service's URL once it logs that it is listening. */
  listening(): Promise<string>;
  alive(): boolean;
}

/**
 * The service as its own process (`node --import tsx bot/src/main.ts`), configured only
 * through its environment — what an operator runs. Tests that must see the process survive
 * (or be killed) use this instead of the in-process service.
 */
export function startChildService(env: Record<string, string>): ChildService {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  child.stderr!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    async listening() {
      const until = Date.now() + 60_000;
      for (;;) {
        const m = /"url":"(http:\/\/[^"]+)"[^\n]*Quorum is listening/.exec(output);
        if (m) return m[1]!;
        if (child.exitCode !== null || Date.now() > until) throw new Error(`the service did not start:\n${output.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
