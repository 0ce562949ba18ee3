import { ConfigError, parseConfig, type QuorumConfig } from '../platform/config';

/** Where a command-line tool writes (the tests capture it). */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** The service's configuration, or undefined after saying what is wrong with it (exit code 2, no stack). */
export function configOrComplain(env: Record<string, string | undefined>, io: CliIo): QuorumConfig | undefined {
  try {
    return parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(err.message);
      return undefined;
    }
    throw err;
  }
}
