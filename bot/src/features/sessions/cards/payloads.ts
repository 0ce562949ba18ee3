import { z } from 'zod';
import { TEAM_ID } from '../../../platform/cards/payload';

/** What sessions' cards send back: user input, so exactly these fields and nothing more. */
export const SESSION_ID = z.string().regex(/^s[0-9a-f]{16}$/);
export const sessionRefPayload = z.strictObject({ teamId: TEAM_ID, sessionId: SESSION_ID.optional() });

const field = (max: number) => z.string().max(max).optional();

export const sessionSavePayload = z.strictObject({
  teamId: TEAM_ID,
  sessionId: SESSION_ID,
  etag: z.string().max(200).optional(),
  title: field(2000),
  startDate: field(32),
  startTime: field(32),
  endDate: field(32),
  endTime: field(32),
  timeZone: field(64),
  place: field(2000),
  onlineUrl: field(4000),
  description: field(20_000),
  agenda: field(40_000),
});
