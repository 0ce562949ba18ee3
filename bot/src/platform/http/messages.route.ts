import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'restify';
import { z } from 'zod';
import type { Logger } from '../logging/logger';
import type { Activity } from '../teams/activity';
import type { QuorumAdapter } from '../teams/adapter';
import type { QuorumBot } from '../teams/quorum-bot';
import { errorBody } from './error-status';
import { BodyRefused, checkBodyHeaders, closeAfterAnswer, readJsonBody, respondRefused } from './json-body';

export const MAX_ACTIVITY_BYTES = 256 * 1024;

const text = (max: number) => z.string().max(max).optional();
const account = z.object({ id: text(1024), name: text(1024), aadObjectId: text(64) }).loose();
const objects = z.array(z.record(z.string(), z.unknown())).max(200).optional();
/** A mention names whom it mentions (botbuilder reads `mentioned.id` without looking). */
const entities = z
  .array(
    z.record(z.string(), z.unknown()).refine((e) => e.type !== 'mention' || (typeof e.mentioned === 'object' && e.mentioned !== null && typeof (e.mentioned as { id?: unknown }).id === 'string'), {
      message: 'a mention without whom it mentions',
    }),
  )
  .max(200)
  .optional();

/**
 * The fields the bot reads must have the types Teams sends: botbuilder trusts them, and a
 * number where a string belongs would surface as a crash deep in a turn. Anything else about
 * the activity is checked by the handlers that use it.
 */
const activityShape = z
  .object({
    type: z.string().min(1).max(64),
    id: text(1024),
    name: text(256),
    text: text(MAX_ACTIVITY_BYTES),
    locale: text(64),
    serviceUrl: text(2048),
    channelId: text(64),
    timestamp: text(64),
    replyToId: text(1024),
    conversation: z
      .object({ id: z.string().max(1024), tenantId: text(64), conversationType: text(64) })
      .loose()
      .optional(),
    from: account.optional(),
    recipient: account.optional(),
    entities,
    attachments: objects,
    membersAdded: z.array(account).max(1000).optional(),
    membersRemoved: z.array(account).max(1000).optional(),
    channelData: z
      .object({
        tenant: z
          .object({ id: text(64) })
          .loose()
          .optional(),
        team: z
          .object({ id: text(1024), name: text(1024) })
          .loose()
          .optional(),
        channel: z
          .object({ id: text(1024) })
          .loose()
          .optional(),
        eventType: text(64),
      })
      .loose()
      .optional(),
  })
  .loose()
  // An invoke's handlers read fields of its payload: null there is not an invoke Teams sends.
  .refine((a) => a.type !== 'invoke' || (a as { value?: unknown }).value !== null, { message: 'an invoke with a null value' });

/**
 * POST /api/messages. Authentication is botbuilder's (Bot Framework JWT, endorsements,
 * serviceUrl claim); any failure before the bot's logic starts is an authentication
 * failure and answers 401, whatever botbuilder's own error class.
 */
export function messagesHandler(adapter: QuorumAdapter, bot: QuorumBot, logger: Logger, opts: { bearerRequired: boolean }) {
  return async (req: Request, res: Response): Promise<void> => {
    if (opts.bearerRequired && !/^Bearer [A-Za-z0-9\-_.]+$/.test(req.header('authorization') ?? '')) {
      // No token at all: answered before a byte of the body is read (botbuilder would refuse it after).
      logger.warn({ hasAuthHeader: Boolean(req.header('authorization')) }, 'rejected unauthenticated activity');
      closeAfterAnswer(req, res);
      res.json(401, errorBody('Unauthorized', 'The request is not authenticated.'));
      return;
    }
    let body: unknown;
    try {
      checkBodyHeaders(req, MAX_ACTIVITY_BYTES, true);
      body = await readJsonBody(req, MAX_ACTIVITY_BYTES);
    } catch (err) {
      if (!(err instanceof BodyRefused)) throw err;
      logger.info({ path: '/api/messages', status: err.status, reason: err.code }, 'request refused');
      respondRefused(req, res, err);
      return;
    }
    const parsed = activityShape.safeParse(body);
    if (!parsed.success) {
      res.json(400, errorBody('BadRequest', 'The body is not a Bot Framework activity.'));
      return;
    }
    const activity = parsed.data as unknown as Activity;
    const authHeader = req.header('authorization') ?? '';
    let logicStarted = false;
    try {
      const invoke = await adapter.handle(authHeader, activity, async (ctx) => {
        logicStarted = true;
        await bot.run(ctx);
      });
      if (invoke?.body !== undefined) res.json(invoke.status, invoke.body);
      else res.send(invoke?.status ?? 200);
    } catch (err) {
      if (!logicStarted) {
        logger.warn({ reason: err instanceof Error ? err.message : 'unknown', hasAuthHeader: authHeader !== '' }, 'rejected unauthenticated activity');
        res.json(401, errorBody('Unauthorized', 'The request is not authenticated.'));
        return;
      }
      const ref = randomBytes(4).toString('hex');
      logger.error({ ref, err, type: activity.type }, 'activity failed after the turn error handler');
      res.json(500, errorBody('InternalError', 'The activity could not be processed.', ref));
    }
  };
}
