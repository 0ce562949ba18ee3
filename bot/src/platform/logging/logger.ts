import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { scrub } from './scrub';

export type { Logger } from 'pino';

const REDACT = [
  'authorization',
  'token',
  'password',
  'secret',
  'connectionString',
  '*.authorization',
  '*.token',
  '*.password',
  '*.secret',
  '*.connectionString',
  'headers.authorization',
  'req.headers.authorization',
  '*.headers.authorization',
];

/** Errors are logged by code, message and stack only: SDK errors carry whole requests (headers included). */
function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: scrub(String(err)) };
  const out: Record<string, unknown> = { type: err.name, message: scrub(err.message) };
  const withCode = err as Error & { code?: unknown; statusCode?: unknown };
  if (typeof withCode.code === 'string') out.code = withCode.code;
  if (typeof withCode.statusCode === 'number') out.statusCode = withCode.statusCode;
  if (err.stack) out.stack = scrub(err.stack);
  return out;
}

export interface LoggerOptions {
  level: string;
  pretty: boolean;
  /** Where lines go (tests capture them); defaults to stdout. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(opts: LoggerOptions): Logger {
  const sink = opts.destination ?? (opts.pretty ? prettyStdout() : undefined) ?? process.stdout;
  const scrubbing = new Writable({
    write(chunk: Buffer, _enc, done) {
      sink.write(scrub(chunk.toString('utf8')));
      done();
    },
  });
  return pino(
    {
      level: opts.level,
      base: { service: 'quorum' },
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { err: serializeError, error: serializeError },
    },
    scrubbing,
  );
}

/** pino-pretty is a development dependency: without it (production images) logs stay JSON. */
function prettyStdout(): NodeJS.WritableStream | undefined {
  try {
    const pretty = require('pino-pretty') as (o: object) => NodeJS.WritableStream;
    return pretty({ colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname,service' });
  } catch {
    return undefined;
  }
}
