import type { BotDeps } from './bot-deps';
import { ensureTeamKnown, onPersonalInstall } from './installation.handler';
import type { Turn } from './turn';
import { createTurnScope } from './turn-scope';
import { languageOf } from '../i18n/i18n';

/** A chat message: personal chat, or an @mention in a channel (the mention is stripped). */
export async function handleMessage(deps: BotDeps, turn: Turn): Promise<void> {
  await turn.send({ type: 'typing' });
  const scope = createTurnScope(deps, turn);
  if (scope.id.conversationKind === 'personal') await onPersonalInstall(deps, turn, false);
  if (scope.id.teamId) await ensureTeamKnown(deps, turn);

  const text = stripMentions(turn.textWithoutBotMention() ?? turn.activity.text ?? '');
  const match = deps.registry.match(text);
  if (!match) {
    const suggestion = deps.registry.suggest(text);
    await scope.sendText(suggestion ? scope.t('unknownSuggest', { suggestion }) : scope.t('unknown'));
    return;
  }
  // Someone who types `aide` reads French, whatever language their client is set to.
  const client = languageOf(scope.id.locale);
  const language = match.languages.includes(client) ? client : match.languages[0];
  // A refusal the command throws is answered by the turn's error handler: in the same language.
  if (language) turn.answerLanguage = language;
  await match.command.run(language && language !== client ? createTurnScope(deps, turn, undefined, { language }) : scope, match.args);
}

/** Other mentions (`<at>Name</at>`) and Teams' HTML are not part of the command words. */
function stripMentions(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .trim();
}
