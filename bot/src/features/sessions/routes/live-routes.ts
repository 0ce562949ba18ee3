import { decisionsFor } from '../../decisions';
import { createdInSession } from '../../reports';
import { changeLive, readLive, readSession, type LiveDeps } from '../domain/change-live.use-case';
import type { LiveState } from '../domain/live-state';
import { refOf } from '../../work-plan';
import type { ApiRoute } from '../../../platform/teams/feature';
import { parsePayload } from '../../../platform/cards/payload';
import type { ReportServices } from '../../reports';
import { liveBody, type LiveResponse, type Outcomes } from './sessions.contract';

/** The live state as the tab reads it, with the server's clock so every screen counts alike. */
function liveJson(s: LiveState, etag: string, now: Date): LiveResponse {
  return {
    live: { current: s.current, running: Boolean(s.runningSince), runningSince: s.runningSince?.toISOString() ?? null, elapsedMs: s.elapsedMs, updatedAt: s.updatedAt.toISOString() },
    etag,
    now: now.toISOString(),
  };
}

/**
 * The session view's API (under /api/tab/): the shared agenda timer, which every screen
 * polls, and what the session has produced so far (read through the reports' services, so
 * "new action items of a session" means the same here as in its report).
 */
export function liveRoutes(deps: LiveDeps, reports: ReportServices): ApiRoute[] {
  return [
    {
      method: 'get',
      path: 'sessions/:id/live',
      audience: 'member',
      async handle(scope, req) {
        const { live } = await readLive(deps, scope.caller, scope.group, req.params.id ?? '');
        return { json: liveJson(live.value, live.etag, deps.clock.now()) };
      },
    },
    {
      method: 'put',
      path: 'sessions/:id/live',
      audience: 'co-chair',
      async handle(scope, req) {
        const change = parsePayload(liveBody, req.body);
        const saved = await changeLive(deps, scope.caller, scope.group, req.params.id ?? '', change, req.headers?.['if-match'] ?? '');
        return { json: liveJson(saved.value, saved.etag, deps.clock.now()) };
      },
    },
    {
      method: 'get',
      path: 'sessions/:id/outcomes',
      audience: 'member',
      async handle(scope, req) {
        const session = await readSession(deps, scope.caller, scope.group, req.params.id ?? '');
        const [decisions, items] = await Promise.all([decisionsFor(reports.decisions, scope.caller, scope.group, { sessionId: session.id }), reports.items.list(scope.group)]);
        return {
          json: {
            decisions: decisions.map((d) => ({ ref: d.ref, kind: d.kind, title: d.title, decidedAt: d.decidedAt, status: d.status })),
            items: createdInSession(items, session).map((i) => ({ ref: refOf(i.number), title: i.title, status: i.status, priority: i.priority, organisation: i.organisation ?? null })),
          } satisfies Outcomes,
        };
      },
    },
  ];
}
