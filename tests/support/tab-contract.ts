import type { z } from 'zod';
import type { ApiRoute } from '../../bot/src/platform/teams/feature';
import { coreResponses } from '../../bot/src/features/core/routes/core.contract';
import { decisionsResponses } from '../../bot/src/features/decisions/routes/decisions.contract';
import { pollsResponses } from '../../bot/src/features/polls/routes/polls.contract';
import { reportsResponses } from '../../bot/src/features/reports/routes/reports.contract';
import { sessionsResponses } from '../../bot/src/features/sessions/routes/sessions.contract';
import { workPlanResponses } from '../../bot/src/features/work-plan/routes/work-plan.contract';

/** Every tab route's answer, from the features' contracts: `method path` → schema (null: a file). */
export const CONTRACT: Readonly<Record<string, z.ZodType | null>> = { ...coreResponses, ...workPlanResponses, ...decisionsResponses, ...sessionsResponses, ...pollsResponses, ...reportsResponses };

const templates = Object.keys(CONTRACT).map((key) => {
  const [method, path] = key.split(' ') as [string, string];
  return { key, method, pattern: new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/:[A-Za-z]+/g, '[^/]+')}$`) };
});

/** The route a request went to: a template ('items/:ref') names itself, a URL ('items/WP-001?x=1') is matched like restify does (literal routes first). */
export function contractKey(method: string, path: string): string {
  const m = method.toLowerCase();
  const bare = path.split('?')[0]!;
  if (`${m} ${bare}` in CONTRACT) return `${m} ${bare}`;
  const hit = templates.find((t) => t.method === m && t.pattern.test(bare));
  if (!hit) throw new Error(`${m} ${bare}: no route of the tab API's contracts answers this (add it to its feature's <feature>.contract.ts)`);
  return hit.key;
}

/**
 * Fails when a successful JSON answer is not what the route's contract says: the response as
 * it went over the wire (JSON round trip) must parse with the contract's response schema.
 */
export function expectContract(method: string, path: string, json: unknown): void {
  const key = contractKey(method, path);
  const schema = CONTRACT[key];
  if (!schema) throw new Error(`${key} answers a file, not JSON`);
  const r = schema.safeParse(JSON.parse(JSON.stringify(json)));
  if (!r.success) throw new Error(`${key}: the response does not match its contract: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
}

/** The route, answering as before, with each JSON answer held to its contract (for tests that call handlers directly). */
export function withContract(route: ApiRoute): ApiRoute {
  return {
    ...route,
    handle: async (scope, req) => {
      const res = await route.handle(scope, req);
      if ('json' in res) expectContract(route.method, route.path, res.json);
      return res;
    },
  };
}
