import type { z } from 'zod';

/**
 * A response the contract does not describe (bot/src/features/<feature>/routes/*.contract.ts):
 * a field renamed or retyped on one side only. Raised in development builds, where every
 * response is checked; production builds trust the contract the type check enforced.
 */
export class ContractError extends Error {
  constructor(
    readonly where: string,
    readonly issues: readonly z.core.$ZodIssue[],
  ) {
    super(`${where}: the response does not match its contract: ${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    this.name = 'ContractError';
  }
}

/**
 * Checks `json` against the route's response schema and hands back the JSON as it came (not
 * zod's copy), so development and production builds give the views the same object.
 */
export function checkResponse<T>(schema: z.ZodType<T>, json: unknown, where: string): T {
  const r = schema.safeParse(json);
  if (!r.success) throw new ContractError(where, r.error.issues);
  return json as T;
}
