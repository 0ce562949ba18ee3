import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { coChairChangePayload, coChairsShowPayload } from '../cards/co-chairs-card';
import type { AdaptiveCard } from '../cards/render';
import { VERBS } from '../cards/verbs';
import { QuorumError } from '../domain/errors';
import type { Group } from '../domain/group';
import type { Caller } from '../domain/identity';
import { resolveGroup } from '../domain/use-cases/resolve-group.use-case';
import { translator, type Translate } from '../i18n/i18n';
import type { BotDeps } from './bot-deps';
import { changeCoChair, coChairsCard } from './co-chairs.handler';
import { presentError } from './errors.presenter';
import { identify } from './turn-identity';

/** What Teams expects back from an adaptiveCard/action invoke (Universal Actions). */
export type CardActionResponse =
  | { statusCode: 200; type: 'application/vnd.microsoft.card.adaptive'; value: AdaptiveCard }
  | { statusCode: 200; type: 'application/vnd.microsoft.activity.message'; value: string }
  | { statusCode: 400; type: 'application/vnd.microsoft.error'; value: { code: string; message: string } };

const invokeValue = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1).max(64),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
  trigger: z.string().optional(),
});

type Handler = (deps: BotDeps, t: Translate, caller: Caller, data: unknown, teamInActivity: string | undefined) => Promise<AdaptiveCard>;

const HANDLERS: Record<string, Handler> = {
  [VERBS.coChairsShow]: async (deps, t, caller, data, team) => {
    const p = parse(coChairsShowPayload, data);
    return coChairsCard(deps, t, caller, await groupFor(deps, caller, p.teamId, team));
  },
  [VERBS.coChairAdd]: async (deps, t, caller, data, team) => {
    const p = parse(coChairChangePayload, data);
    return changeCoChair(deps, t, caller, await groupFor(deps, caller, p.teamId, team), p.aadObjectId, true);
  },
  [VERBS.coChairRemove]: async (deps, t, caller, data, team) => {
    const p = parse(coChairChangePayload, data);
    return changeCoChair(deps, t, caller, await groupFor(deps, caller, p.teamId, team), p.aadObjectId, false);
  },
};

/**
 * Card actions are user input: the envelope and each verb's data are validated, the group
 * is re-resolved from storage and the caller's role re-checked by the use case. A payload
 * naming another team than the one the card is acting in is refused outright.
 */
export async function handleCardAction(deps: BotDeps, ctx: TurnContext): Promise<CardActionResponse> {
  const id = identify(ctx.activity);
  const t = translator(deps.i18n, id.locale);
  const envelope = invokeValue.safeParse(ctx.activity.value);
  if (!envelope.success) return badRequest('InvalidActionPayload', 'The card action payload is malformed.');
  const handler = HANDLERS[envelope.data.action.verb];
  if (!handler) return badRequest('UnknownVerb', 'This card action is not supported.');
  if (!id.caller) return badRequest('UnknownCaller', 'The caller could not be identified.');
  try {
    const card = await handler(deps, t, id.caller, envelope.data.action.data ?? {}, id.teamId);
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
  } catch (err) {
    const shown = presentError(err, t, deps.logger, `card:${envelope.data.action.verb}`);
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: shown.text };
  }
}

function parse<T>(schema: z.ZodType<T>, data: unknown): T {
  const r = schema.safeParse(data);
  if (!r.success) throw new QuorumError('validation', 'bad card payload', { detail: r.error.issues.map((i) => i.path.join('.') || 'payload').join(', ') });
  return r.data;
}

async function groupFor(deps: BotDeps, caller: Caller, payloadTeamId: string, activityTeamId: string | undefined): Promise<Group> {
  if (activityTeamId && activityTeamId !== payloadTeamId) throw new QuorumError('forbidden', 'card names another team');
  return resolveGroup(deps.repos, caller, payloadTeamId);
}

function badRequest(code: string, message: string): CardActionResponse {
  return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code, message } };
}
