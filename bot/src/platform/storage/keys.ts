/**
 * Azure Table keys may not contain / \ # ? or control characters, and Teams ids contain
 * ':' '@' ';' and, for personal chats, arbitrary characters. Escaping is injective (the
 * escape character is itself escaped) and keeps common ids readable in Storage Explorer.
 * Hand-written because it is four lines and no library does exactly this.
 */
const SAFE = /[A-Za-z0-9\-_.:@;=,]/;

export function toKey(...parts: string[]): string {
  return parts.map(escapePart).join('|');
}

function escapePart(part: string): string {
  let out = '';
  for (const ch of part) {
    out += SAFE.test(ch) ? ch : `~${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`;
  }
  return out;
}
