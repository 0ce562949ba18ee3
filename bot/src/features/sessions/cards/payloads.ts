import { z } from 'zod';
import { TEAM_ID } from '../../../platform/cards/payload';
import { SESSION_LIMITS as L } from '../domain/session-input';

/** What sessions' cards send back: user input, so exactly these fields and nothing more. */
export const SESSION_ID = z.string().regex(/^s[0-9a-f]{16}$/);
export const sessionRefPayload = z.strictObject({ teamId: TEAM_ID, sessionId: SESSION_ID.optional() });

const field = (max: number) => z.string().max(max).optional();

export const sessionSavePayload = z.strictObject({
  teamId: TEAM_ID,
  sessionId: SESSION_ID,
  etag: z.string().max(200).optional(),
  // What the form's inputs hold (their maxLength): a longer value was not typed on the card, and is refused rather than cut.
  title: field(L.title),
  startDate: field(32),
  startTime: field(32),
  endDate: field(32),
  endTime: field(32),
  timeZone: field(L.timeZone),
  place: field(L.place),
  onlineUrl: field(L.onlineUrl),
  description: field(L.description),
  agenda: field(L.agenda),
});
