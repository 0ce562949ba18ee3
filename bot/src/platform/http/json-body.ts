import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody } from './error-status';

/**
 * Request bodies are read here, not by restify's bodyParser: that one inflates gzip with
 * no error listener (a 5-byte "gzip" body kills the process, restify#1785), counts its
 * limit in compressed bytes, and writes multipart uploads to the temp directory for good.
 * This reader accepts JSON only, in identity encoding, counts bytes as they arrive, keeps
 * them in memory up to the limit and never touches the disk. Written by hand because it
 * is ~80 lines and the maintained readers (raw-body, co-body) still inflate on request.
 */

export class BodyRefused extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: string,
    readonly publicMessage: string,
  ) {
    super(publicMessage);
    this.name = 'BodyRefused';
  }
}

const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** True when the request says it carries a body (a length above 0, or chunked). */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * What can be refused from the headers alone, before anything is read or authenticated:
 * a content type other than JSON (whatever the length, chunked or not), any content
 * encoding, a declared length over the limit.
 */
export function checkBodyHeaders(req: IncomingMessage, maxBytes: number, bodyRequired: boolean): void {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity') throw new BodyRefused(415, 'UnsupportedMediaType', 'Send the body uncompressed (no Content-Encoding).');
  const type = req.headers['content-type'];
  if (type === undefined && !bodyRequired && !hasBody(req)) return;
  if (type === undefined || !JSON_TYPE.test(type.trim())) throw new BodyRefused(415, 'UnsupportedMediaType', 'Send JSON (Content-Type: application/json).');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
}

/**
 * Reads and parses a JSON body. Rejects as soon as the count passes `maxBytes` (the rest
 * of the stream is discarded, not kept), on invalid UTF-8 and on invalid JSON. An empty
 * body is `undefined`.
 */
export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      fn();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        chunks.length = 0;
        // Keep draining (discarding) so the refusal can still be written back on this socket.
        finish(() => reject(tooLarge(maxBytes)));
        req.resume();
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('error', () => finish(() => reject(new BodyRefused(400, 'BadRequest', 'The body could not be read.'))));
    req.once('aborted', () => finish(() => reject(new BodyRefused(400, 'BadRequest', 'The body could not be read.'))));
    req.once('end', () =>
      finish(() => {
        try {
          resolve(parse(Buffer.concat(chunks)));
        } catch (err) {
          reject(err);
        }
      }),
    );
  });
}

function parse(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BodyRefused(400, 'InvalidContent', 'The body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyRefused(400, 'InvalidContent', 'The body is not valid JSON.');
  }
}

function tooLarge(maxBytes: number): BodyRefused {
  return new BodyRefused(413, 'PayloadTooLarge', `The body is larger than ${maxBytes} bytes.`);
}

/** Answers a refused body (and closes the connection: see closeAfterAnswer). */
export function respondRefused(req: IncomingMessage, res: ServerResponse, err: BodyRefused): void {
  closeAfterAnswer(req, res);
  const body = JSON.stringify(errorBody(err.code, err.publicMessage));
  res.writeHead(err.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Long enough for a client on a slow link to finish sending and read the refusal. */
const DRAIN_MS = 5000;

/**
 * For an answer given before the body was read (refused, unauthenticated): whatever the
 * client still sends is discarded, never buffered. A client that has not finished sending
 * a few seconds after the answer loses the connection, so an endless chunked upload cannot
 * hold it.
 */
export function closeAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  // Node closes a `Connection: close` exchange the moment the answer is written, resetting a
  // client still sending; keeping it open lets the rest be discarded and the answer be read.
  if (!req.complete) res.setHeader('connection', 'keep-alive');
  req.resume();
  res.once('finish', () => {
    if (req.complete) return;
    setTimeout(() => {
      if (!req.complete) req.socket.destroy();
    }, DRAIN_MS).unref();
  });
}
