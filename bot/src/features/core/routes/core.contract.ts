/**
 * The core tab API's wire contract (who is signed in, the co-chairs): every route's request
 * and response JSON. The only source of these types for the bot (core.feature.ts builds
 * responses that satisfy them) and the tab (which imports them and checks responses against
 * them in development builds). The tab bundles this file: it imports zod and the kernel only.
 */
import { LANGUAGES } from '../../../kernel/languages';
import { z } from 'zod';
import { ROLES } from '../../../kernel/member';

export const role = z.enum(ROLES);

// ---- Requests ----

/** PUT cochairs/:aadObjectId: the member's Entra object id (compared lower-case). */
export const objectIdParam = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  .transform((x) => x.toLowerCase());

/** PUT cochairs/:aadObjectId (co-chairs): make the member a co-chair, or not. */
export const coChairBody = z.strictObject({ coChair: z.boolean() });
export type CoChairBody = z.infer<typeof coChairBody>;

// ---- Responses ----

/** GET me: the caller (from the token) and the group the tab names. */
export const me = z.object({
  tenantId: z.string(),
  aadObjectId: z.string(),
  name: z.string(),
  role,
  group: z.object({ teamId: z.string(), name: z.string(), timeZone: z.string() }),
  /** The language the caller chose for themselves (`language fr` in chat); null: the tab follows their Teams locale. */
  language: z.enum(LANGUAGES).nullable(),
});
export type Me = z.infer<typeof me>;

export const member = z.object({ aadObjectId: z.string(), name: z.string(), organisation: z.string(), role });

/** GET cochairs, and PUT cochairs/:aadObjectId: the co-chairs (`configured`: set in the service's configuration, not removable here) and the members. */
export const coChairs = z.object({
  coChairs: z.array(z.object({ aadObjectId: z.string(), name: z.string(), configured: z.boolean() })),
  members: z.array(member),
});
export type CoChairs = z.infer<typeof coChairs>;

/** What each route (`method path`, as the route declares it) answers: a schema, or null for a file download. */
export const coreResponses = {
  'get me': me,
  'get cochairs': coChairs,
  'put cochairs/:aadObjectId': coChairs,
} as const;
