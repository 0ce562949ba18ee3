import fs from 'node:fs';
import path from 'node:path';
import restify, { type Server } from 'restify';
import type { Logger } from '../logging/logger';
import type { QuorumAdapter } from '../teams/adapter';
import type { QuorumBot } from '../teams/quorum-bot';
import { errorBody } from './error-status';
import { healthHandler } from './health.route';
import { loopbackHostOnly, securityHeaders } from './security-headers';
import { mountTabApi, type TabApiDeps } from './tab-api/tab-api';
import { MAX_ACTIVITY_BYTES, messagesHandler } from './messages.route';

export interface ServerDeps {
  adapter: QuorumAdapter;
  bot: QuorumBot;
  logger: Logger;
  pingStorage: () => Promise<void>;
  /** Built tab (tab/dist); a placeholder page is served until it exists. */
  tabDir: string;
  tabApi: TabApiDeps;
  authMode: 'sso' | 'development' | 'disabled';
  /** A bot app id is configured: botbuilder authenticates every activity. */
  botAuthenticated: boolean;
  /** Production adds HSTS (TLS is terminated in front of the service). */
  production: boolean;
  /** Development mode only: who the tab acts as until the developer picks someone else. */
  defaultDevUser?: string;
}

/** The fixed words of refusals made before any handler runs (parsers, router). */
export const REFUSALS: Record<number, string> = {
  400: 'The body is not valid JSON.',
  404: 'No such resource.',
  405: 'Method not allowed.',
  413: `The body is larger than ${MAX_ACTIVITY_BYTES} bytes.`,
  415: 'Unsupported content type.',
};

/** Time allowed to receive one whole request (not to answer it). */
const REQUEST_TIMEOUT_MS = 30_000;

export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'quorum', handleUncaughtExceptions: false });
  // A whole request (headers and body) must arrive within this; Node's default (300 s) lets a
  // client trickling a body hold a socket and its buffer for five minutes.
  server.server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.server.headersTimeout = Math.min(server.server.headersTimeout, REQUEST_TIMEOUT_MS);
  server.pre(restify.plugins.pre.dedupeSlashes());
  server.pre(securityHeaders({ production: deps.production }));
  // Without authentication (no BOT_ID) the service must only answer this machine.
  if (deps.authMode === 'development') server.pre(loopbackHostOnly());
  // Bodies are read by json-body.ts inside each handler, never by restify's bodyParser.
  // With a bot app id every activity carries a Bot Framework token: without one, refuse before reading.
  server.post('/api/messages', messagesHandler(deps.adapter, deps.bot, deps.logger, { bearerRequired: deps.botAuthenticated }));
  server.get('/healthz', healthHandler(deps.pingStorage));
  // The API root tells the tab how to authenticate (it shows "development mode" plainly).
  server.get('/api/tab', async (_req, res) => {
    const dev = deps.authMode === 'development' && deps.defaultDevUser ? { devUser: deps.defaultDevUser } : {};
    res.json(200, { service: 'quorum', api: 'tab', version: 1, auth: deps.authMode, ...dev });
  });
  mountTabApi(server, deps.tabApi);
  server.get('/tab/*', tabFiles(deps.tabDir));
  server.get('/', async (_req, res) => {
    res.redirect(302, '/tab/', () => undefined);
  });

  server.on('restifyError', (req: restify.Request, _res: restify.Response, err: Error & { statusCode?: number; toJSON?: () => unknown }, callback: () => void) => {
    // Body-parser refusals (400/413/415) are the client's fault; log them without the body,
    // and answer in the service's own error shape without echoing any of the input back.
    const status = err.statusCode ?? 500;
    deps.logger.info({ path: req.path(), status, reason: err.name }, 'request refused');
    err.toJSON = () => errorBody(err.name.replace(/Error$/, ''), REFUSALS[status] ?? 'The request could not be processed.');
    callback();
  });
  return server;
}

/** The built tab when there is one; until then a page that says so (the tab comes later). */
function tabFiles(dir: string): restify.RequestHandler {
  if (fs.existsSync(path.join(dir, 'index.html'))) {
    // serveStaticFiles maps the part after /tab/ onto the folder (and refuses to leave it).
    const files = restify.plugins.serveStaticFiles(dir, { maxAge: 0 });
    return (req, res, next) => {
      if (/^\/tab\/?$/.test(req.path())) req.params['*'] = 'index.html';
      return files(req, res, next);
    };
  }
  const placeholder = '<!doctype html><html lang="en"><meta charset="utf-8"><title>Quorum</title><body><h1>Quorum</h1><p>The tab is not built yet.</p></body></html>';
  return async (_req: restify.Request, res: restify.Response): Promise<void> => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(placeholder);
  };
}
