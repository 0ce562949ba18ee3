/* eslint-disable no-console -- this module is the one place that takes over the console */
import { format } from 'node:util';
import type { Logger } from 'pino';
import { scrub } from './scrub';

/**
 * botbuilder writes straight to console (token validation failures, connector errors). In
 * the service those lines go through the structured, scrubbed logger instead, tagged with
 * where they came from, so no raw SDK output reaches the log stream.
 */
export function bridgeConsole(logger: Logger): () => void {
  const original = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
  const to =
    (level: 'debug' | 'info' | 'warn') =>
    (...args: unknown[]) =>
      logger[level]({ source: 'console' }, scrub(format(...args)));
  console.log = to('debug');
  console.debug = to('debug');
  console.info = to('info');
  console.warn = to('warn');
  console.error = to('warn');
  return () => Object.assign(console, original);
}
