import { translator } from '../i18n/i18n';
import type { BotDeps } from './bot-deps';
import { presentError } from './errors.presenter';
import type { Turn } from './turn';
import { identify } from './turn-identity';

/**
 * Anything a handler did not handle ends here: the user gets a catalogued message (with a
 * reference id for unexpected failures), the log gets the error under the same id.
 */
export function createTurnErrorHandler(deps: Pick<BotDeps, 'i18n' | 'logger'>) {
  return async (turn: Turn, err: Error): Promise<void> => {
    const id = identify(turn.activity);
    const t = translator(deps.i18n, turn.answerLanguage ?? id.locale);
    const shown = presentError(err, t, deps.logger, `turn:${turn.activity.type}`);
    if (turn.activity.type !== 'message') return;
    try {
      await turn.send(shown.text);
    } catch (sendErr) {
      deps.logger.warn({ ref: shown.ref, err: sendErr }, 'could not tell the user about a failed turn');
    }
  };
}
