import { describeVerification } from '../cards/verification-text';
import { parseDecisionQuery } from '../domain/decision-query';
import { registerCheckpoint } from '../domain/checkpoint.use-case';
import { findDecisions, getDecision, verifyRegister } from '../domain/find-decisions.use-case';
import type { ApiRoute } from '../../../platform/teams/feature';
import { parsePayload } from '../../../platform/cards/payload';
import { idempotencyKey } from '../../../platform/teams/idempotency-key';
import { recordAndAnnounce } from '../chat/decision-form';
import type { DecisionServices } from '../decision-services';
import { decisionsQuery, recordBody, type DecisionDetail, type DecisionPage, type RecordedDecision, type Verification } from './decisions.contract';
import { cardContext } from '../chat/decision-views';

/**
 * The tab's view of the register (mounted under /api/tab/). Reports (session, yearly) will
 * join here as `decisions/report/...` routes once sessions, polls and action items exist.
 */
export function decisionRoutes(svc: DecisionServices): ApiRoute[] {
  return [
    {
      method: 'get',
      path: 'decisions',
      audience: 'member',
      list: true,
      async handle(scope, req) {
        const query = parsePayload(decisionsQuery, req.query);
        const q = (query.q ?? '').slice(0, 200);
        const page = /^\d{1,6}$/.test(query.page ?? '') ? Number(query.page) : 0;
        return { json: (await findDecisions(svc, scope.caller, scope.group, parseDecisionQuery(q), page)) satisfies DecisionPage };
      },
    },
    {
      method: 'get',
      path: 'decisions/verify',
      audience: 'member',
      list: true,
      async handle(scope) {
        const result = await verifyRegister(svc, scope.caller, scope.group);
        return { json: { ...result, message: describeVerification(scope.t, result) } satisfies Verification };
      },
    },
    {
      // A file a co-chair keeps outside the service (docs/decision-register.md): `decisions:verify --checkpoint` checks it.
      method: 'get',
      path: 'decisions/checkpoint',
      audience: 'co-chair',
      async handle(scope) {
        const checkpoint = await registerCheckpoint(svc, scope.caller, scope.group);
        const day = checkpoint.generatedAt.slice(0, 10);
        return { body: `${JSON.stringify(checkpoint, null, 2)}\n`, contentType: 'application/json; charset=utf-8', filename: `decisions-checkpoint-${day}-${checkpoint.seq}.json` };
      },
    },
    {
      method: 'get',
      path: 'decisions/:ref',
      audience: 'member',
      async handle(scope, req) {
        const view = await getDecision(svc, scope.caller, scope.group, req.params.ref ?? '');
        // The linked session and poll by name, as the card shows them (the ids stay for links).
        const { names } = await cardContext(svc, scope.group, view, undefined);
        return { json: { ...view, ...(names?.session ? { sessionTitle: names.session } : {}), ...(names?.poll ? { pollTitle: names.poll } : {}) } satisfies DecisionDetail };
      },
    },
    {
      method: 'post',
      path: 'decisions',
      audience: 'co-chair',
      async handle(scope, req) {
        const body = parsePayload(recordBody, req.body);
        const { view, posted } = await recordAndAnnounce(svc, scope, scope.group, body, idempotencyKey(req));
        return { status: 201, json: { decision: view, posted } satisfies RecordedDecision };
      },
    },
  ];
}
