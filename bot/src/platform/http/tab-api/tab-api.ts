import { randomBytes } from 'node:crypto';
import restify, { type Request, type Response, type Server } from 'restify';
import { isQuorumError, QuorumError } from '../../../kernel/errors';
import { resolveGroup } from '../../../kernel/resolve-group';
import { translator, type Translate } from '../../i18n/i18n';
import type { BotDeps } from '../../teams/bot-deps';
import { catalogMessage } from '../../teams/errors.presenter';
import { attachmentDisposition } from '../content-disposition';
import type { ApiResponse, ApiRoute } from '../../teams/feature';
import { errorBody, HTTP_STATUS } from '../error-status';
import { BodyRefused, checkBodyHeaders, closeAfterAnswer, readJsonBody, respondRefused } from '../json-body';
import { Unauthenticated, type Authenticator } from './authenticate';
import { createCallerBudget, type BudgetSettings, type CallerBudget } from './caller-budget';
import { withTurnReads } from '../../storage/read-cache';

export interface TabApiDeps {
  routes: readonly ApiRoute[];
  authenticate: Authenticator;
  bot: BotDeps;
  listBudget: BudgetSettings;
}

const MAX_BODY = 64 * 1024;

/**
 * Mounts every feature's routes under /api/tab/. Each call is authenticated, its team
 * resolved and membership checked on the server before the handler runs; co-chair routes
 * also check the role. Query values must be plain strings (arrays are refused: they would
 * slip past OData escaping further down).
 */
export function mountTabApi(server: Server, deps: TabApiDeps): void {
  const parseQuery = restify.plugins.queryParser({ mapParams: false, allowDots: false, plainObjects: true, arrayLimit: 0 });
  const budget = createCallerBudget(deps.listBudget);
  for (const route of deps.routes) {
    const path = `/api/tab/${route.path.replace(/^\//, '')}`;
    const handler = async (req: Request, res: Response) => withTurnReads(() => handle(deps, route, req, res, budget));
    if (route.method === 'get' || route.method === 'delete') server[route.method === 'get' ? 'get' : 'del'](path, parseQuery, handler);
    else server[route.method](path, parseQuery, handler);
  }
}

async function handle(deps: TabApiDeps, route: ApiRoute, req: Request, res: Response, budget: CallerBudget): Promise<void> {
  const { repos, roles, i18n } = deps.bot;
  const t = translator(i18n, req.header('accept-language')?.split(',')[0]);
  res.setHeader('cache-control', 'no-store');
  const writes = route.method !== 'get' && route.method !== 'delete';
  try {
    // Refusable from the headers alone (type, encoding, declared size): before anything else.
    if (writes) checkBodyHeaders(req, MAX_BODY, false);
    const authenticated = await deps.authenticate(req);
    if (!budget.admit(route, authenticated, res)) return;
    // Only an authenticated caller gets a body read at all.
    const body = writes ? await readJsonBody(req, MAX_BODY) : undefined;
    const query = plainQuery(req.query);
    const teamId = req.header('x-quorum-team') || undefined;
    // eslint-disable-next-line no-control-regex -- control characters are what is refused here
    if (teamId !== undefined && (teamId.length > 256 || /[\u0000-\u001f]/.test(teamId))) throw badRequest('team');
    const group = await resolveGroup(repos, authenticated, teamId);
    const membership = await roles.assertMembership(authenticated, group);
    const role = membership.role;
    // A token names its holder; the local development identity does not: use the roster's name.
    const caller = authenticated.name || !membership.name ? authenticated : { ...authenticated, name: membership.name };
    if (route.audience === 'co-chair' && role !== 'co-chair') {
      res.json(403, errorBody('forbidden', t('errors.forbidden')));
      return;
    }
    const params = Object.fromEntries(Object.entries((req.params ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    send(res, await route.handle({ deps: deps.bot, caller, group, role, t }, { params, query, body, headers: safeHeaders(req) }));
  } catch (err) {
    sendError(deps, t, route, req, res, err);
  }
}

function send(res: Response, out: ApiResponse): void {
  if ('json' in out) {
    res.json(out.status ?? 200, out.json);
    return;
  }
  const headers: Record<string, string> = { 'content-type': out.contentType };
  if (out.filename) headers['content-disposition'] = attachmentDisposition(out.filename);
  res.writeHead(out.status ?? 200, headers);
  res.end(out.body);
}

function sendError(deps: TabApiDeps, t: Translate, route: ApiRoute, req: Request, res: Response, err: unknown): void {
  if (err instanceof BodyRefused) {
    deps.bot.logger.info({ route: route.path, status: err.status, reason: err.code }, 'tab API body refused');
    respondRefused(req, res, err);
    return;
  }
  if (err instanceof Unauthenticated) {
    if (route.method !== 'get' && route.method !== 'delete') closeAfterAnswer(req, res);
    deps.bot.logger.info({ route: route.path, reason: err.reason }, 'tab API call refused: not authenticated');
    res.json(401, errorBody('unauthorized', 'The request is not authenticated.'));
    return;
  }
  if (isQuorumError(err)) {
    res.json(HTTP_STATUS[err.code], errorBody(err.code, catalogMessage(err, t)));
    return;
  }
  const ref = randomBytes(4).toString('hex');
  deps.bot.logger.error({ ref, err, route: route.path }, 'tab API call failed');
  res.json(500, errorBody('internal', t('errors.internal', { ref }), ref));
}

const HIDDEN_HEADERS = new Set(['authorization', 'cookie', 'x-quorum-dev-user']);

function safeHeaders(req: Request): Record<string, string> {
  return Object.fromEntries(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' && !HIDDEN_HEADERS.has(k.toLowerCase()) ? [[k.toLowerCase(), v]] : [])));
}

function plainQuery(query: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (typeof v !== 'string') throw badRequest(k);
    out[k] = v;
  }
  return out;
}

function badRequest(field: string): QuorumError {
  return new QuorumError('validation', 'malformed request', { detail: field });
}
