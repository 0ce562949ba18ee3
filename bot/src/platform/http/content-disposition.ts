import { plainName } from '../../kernel/plain-text';

const SAFE = /[^A-Za-z0-9._-]/g;
// A lone surrogate cannot be UTF-8 encoded (encodeURIComponent throws on one).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** RFC 5987 attr-chars stay; every other UTF-8 byte is percent-encoded (encodeURIComponent leaves ' ( ) * as they are). */
function extValue(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * An attachment's Content-Disposition (RFC 6266). `filename` carries an ASCII fallback (every
 * other character an underscore, so no quote or line break reaches the header); a name with
 * anything else also gets `filename*` (RFC 5987, UTF-8), which browsers prefer.
 */
export function attachmentDisposition(filename: string): string {
  const name = plainName(filename).replace(LONE_SURROGATE, '\uFFFD');
  const fallback = name.replace(SAFE, '_');
  return fallback === name ? `attachment; filename="${name}"` : `attachment; filename="${fallback}"; filename*=UTF-8''${extValue(name)}`;
}
