import type { TurnContext } from 'botbuilder';
import { translator } from '../i18n/i18n';
import type { BotDeps } from './bot-deps';
import { presentError } from './errors.presenter';
import { identify } from './turn-identity';
import { TURN_LANGUAGE } from './commands.handler';

/**
 * Anything a handler did not handle ends here: the user gets a catalogued message (with a
 * reference id for unexpected failures), the log gets the error under the same id.
 */
export function createTurnErrorHandler(deps: Pick<BotDeps, 'i18n' | 'logger'>) {
  return async (ctx: TurnContext, err: Error): Promise<void> => {
    const id = identify(ctx.activity);
    const t = translator(deps.i18n, (ctx.turnState.get(TURN_LANGUAGE) as string | undefined) ?? id.locale);
    const shown = presentError(err, t, deps.logger, `turn:${ctx.activity.type}`);
    if (ctx.activity.type !== 'message') return;
    try {
      await ctx.sendActivity(shown.text);
    } catch (sendErr) {
      deps.logger.warn({ ref: shown.ref, err: sendErr }, 'could not tell the user about a failed turn');
    }
  };
}
