import { z } from 'zod';
import { TEAM_ID } from '../../../platform/cards/payload';

/** What the co-chairs card sends back: user input, so exactly these fields and nothing more. */
const OBJECT_ID = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  .transform((s) => s.toLowerCase());

/** Card payloads are user input: exactly these fields, nothing more. */
export const coChairsShowPayload = z.strictObject({ teamId: TEAM_ID });
export const coChairChangePayload = z.strictObject({ teamId: TEAM_ID, aadObjectId: OBJECT_ID });
