import type { Response } from 'restify';
import type { Caller } from '../../../kernel/identity';
import { errorBody } from '../error-status';

/**
 * A request budget per caller (tenant + Entra object id) for the tab API's list routes,
 * which read many of a group's rows per call: a token bucket of `burst` calls refilled at
 * `perMinute`. The tab's own polling (a list every few seconds, a few pages each) stays far
 * below it; a script reading a large group as fast as it can is answered 429 with
 * Retry-After. The map of buckets is bounded: past `maxCallers` the least recently seen
 * caller is forgotten (and starts again with a full bucket). Per instance, in memory.
 */
export interface BudgetSettings {
  perMinute: number;
  burst: number;
  maxCallers?: number;
}

export interface CallerBudget {
  /** True when the call may go on; otherwise the 429 has been sent. */
  admit(route: { list?: true }, caller: Caller, res: Response): boolean;
  /** Callers with a bucket now (at most maxCallers). */
  tracked(): number;
}

export function createCallerBudget(settings: BudgetSettings, now: () => number = () => performance.now()): CallerBudget {
  const perMs = settings.perMinute / 60_000;
  const maxCallers = settings.maxCallers ?? 10_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    admit(route, caller, res) {
      if (!route.list) return true;
      const key = `${caller.tenantId}|${caller.aadObjectId}`;
      const t = now();
      const seen = buckets.get(key);
      const b = seen ? { tokens: Math.min(settings.burst, seen.tokens + (t - seen.at) * perMs), at: t } : { tokens: settings.burst, at: t };
      // Re-inserted: the Map's order is then least recently seen first.
      buckets.delete(key);
      if (buckets.size >= maxCallers) buckets.delete(buckets.keys().next().value!);
      if (b.tokens >= 1) {
        buckets.set(key, { tokens: b.tokens - 1, at: t });
        return true;
      }
      buckets.set(key, b);
      res.setHeader('retry-after', String(Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000))));
      res.json(429, errorBody('too-many-requests', 'Too many requests: wait a moment and try again.'));
      return false;
    },
    tracked: () => buckets.size,
  };
}
