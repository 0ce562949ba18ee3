import type { RequestHandler } from 'restify';
import { errorBody } from './error-status';

/**
 * The hosts allowed to frame the tab, as Microsoft lists them for Teams, Microsoft 365 and
 * Outlook ("Tab requirements", learn.microsoft.com/microsoftteams/platform/tabs/how-to/tab-requirements).
 */
export const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
] as const;

/**
 * The page loads only its own scripts; Fluent UI (Griffel) inserts style elements at run
 * time, hence 'unsafe-inline' for styles alone. teams-js asks a Microsoft CDN for its list
 * of valid origins, so connect-src names it.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' https://res.cdn.office.net",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
].join('; ');

export function securityHeaders(opts: { production: boolean }): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('content-security-policy', CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    // HSTS means something only over TLS, which App Service terminates in production.
    if (opts.production) res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
    return next();
  };
}

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d{1,5})?$/i;

/**
 * The unauthenticated local mode trusts whoever reaches it, which is safe only for this
 * machine. A web page can still reach a loopback port through DNS rebinding (its own name
 * resolving to 127.0.0.1), but then the Host header carries that name: refuse it.
 */
export function loopbackHostOnly(): RequestHandler {
  return (req, res, next) => {
    const host = req.headers.host ?? '';
    if (!LOOPBACK_HOST.test(host)) {
      res.json(421, errorBody('MisdirectedRequest', 'Local development mode answers only requests addressed to localhost or a loopback address.'));
      return next(false);
    }
    return next();
  };
}
