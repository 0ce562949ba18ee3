/**
 * Last line of defence: whatever reaches a log line, a bearer token or a JWT does not.
 * Redaction paths catch the known places; this catches tokens quoted inside error
 * messages, SDK request dumps and stack traces.
 */
const BEARER = /Bearer\s+[A-Za-z0-9\-._~+/]+=*/gi;
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const SECRET_PARAM = /((?:AccountKey|SharedAccessSignature|sig|client_secret|password)=)[^;&\s"]+/gi;

export function scrub(text: string): string {
  return text.replace(BEARER, 'Bearer [redacted]').replace(JWT, '[jwt redacted]').replace(SECRET_PARAM, '$1[redacted]');
}
