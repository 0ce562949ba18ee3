import type { TableClient } from '@azure/data-tables';

type PipelinePolicy = Parameters<TableClient['pipeline']['addPolicy']>[0];

const BATCH_SEPARATORS_POLICY = 'quorumBatchLineSeparators';

/**
 * JSON.stringify writes U+2028 and U+2029 raw (they are legal in JSON strings), but Azurite
 * finds each operation's JSON in a `$batch` body with /{+.+}+/, whose `.` stops at a line
 * terminator: any entity text holding one fails inside a transaction (400/500). Outside a
 * string these two characters cannot occur in the body (the multipart headers are ASCII), so
 * writing them as the JSON escapes \u2028 and \u2029 is the same JSON to any parser, Azure
 * included, and the stored value stays exactly the text given.
 */
export function batchSeparatorsPolicy(): PipelinePolicy {
  return {
    name: BATCH_SEPARATORS_POLICY,
    sendRequest(request, next) {
      if (typeof request.body === 'string' && /\/\$batch(\?|$)/.test(request.url)) {
        const escaped = request.body.replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
        if (escaped !== request.body) {
          request.body = escaped;
          // Set by the SDK for the body as it was; each escape is three bytes longer.
          if (request.headers.has('Content-Length')) request.headers.set('Content-Length', Buffer.byteLength(escaped, 'utf8'));
        }
      }
      return next(request);
    },
  };
}
