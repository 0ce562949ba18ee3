import { chosenLanguage } from './commands.handler';
import { z } from 'zod';
import type { AdaptiveCard } from '../cards/render';
import { withCardLanguage, takeCardLanguage } from '../cards/card-language';
import { LANGUAGES, translator } from '../i18n/i18n';
import type { BotDeps } from './bot-deps';
import { presentError } from './errors.presenter';
import type { Turn } from './turn';
import { createTurnScope, prefetchGroupAndRole } from './turn-scope';
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

/**
 * Card actions are user input: the envelope is validated here, each verb validates its own
 * data strictly, and the group and the caller's role are re-read from storage by the use
 * case. Failures answer with the catalogued message, shown on the card.
 */
export async function handleCardAction(deps: BotDeps, turn: Turn): Promise<CardActionResponse> {
  const envelope = invokeValue.safeParse(turn.activity.value);
  if (!envelope.success) return badRequest('InvalidActionPayload', 'The card action payload is malformed.');
  const { verb } = envelope.data.action;
  const handler = deps.registry.verb(verb);
  if (!handler) return badRequest('UnknownVerb', 'This card action is not supported.');
  // The card's own language, when it was written in another than the client's (see card-language.ts).
  const { language: written, data, invalid } = takeCardLanguage(envelope.data.action.data ?? {}, LANGUAGES);
  if (invalid) return badRequest('InvalidActionPayload', 'The card action payload is malformed.');
  prefetchGroupAndRole(deps, turn, typeof data.teamId === 'string' ? data.teamId : undefined);
  // Else the language the person chose for their personal chat, as their commands there answer.
  const language = written ?? (await chosenLanguage(deps, turn));
  const t = translator(deps.i18n, language ?? identify(turn.activity).locale);
  try {
    const scope = createTurnScope(deps, turn, typeof data.teamId === 'string' ? data.teamId : undefined, language ? { language } : {});
    const result = await handler.run(scope, data);
    return 'card' in result
      ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: withCardLanguage(result.card, language) }
      : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: result.message };
  } catch (err) {
    const shown = presentError(err, t, deps.logger, `card:${verb}`);
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: shown.text };
  }
}

function badRequest(code: string, message: string): CardActionResponse {
  return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code, message } };
}
