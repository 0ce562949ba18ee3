import { Writable } from 'node:stream';

/** Collects every log line the service writes, for assertions on what is (not) logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];

  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.lines.push(line);
    done();
  }

  get text(): string {
    return this.lines.join('\n');
  }

  records(): Record<string, unknown>[] {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

/**
 * A JWT as it would appear in a log: a base64url JSON header (`eyJ…`), a dot, a payload. Bare
 * `eyJ` is not enough: a logged public key's base64 can contain those three letters by chance.
 */
export const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;
