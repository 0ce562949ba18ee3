import { TurnContext } from 'botbuilder';
import type { BotDeps } from './bot-deps';
import { ensureTeamKnown, onPersonalInstall } from './installation.handler';
import { createTurnScope } from './turn-scope';
import { languageOf } from '../i18n/i18n';

/** The language a turn answers in, when the command word chose it (read by the turn's error handler). */
export const TURN_LANGUAGE = Symbol('quorum.turnLanguage');

/** A chat message: personal chat, or an @mention in a channel (the mention is stripped). */
export async function handleMessage(deps: BotDeps, ctx: TurnContext): Promise<void> {
  await ctx.sendActivity({ type: 'typing' });
  const scope = createTurnScope(deps, ctx);
  if (scope.id.conversationKind === 'personal') await onPersonalInstall(deps, ctx, false);
  if (scope.id.teamId) await ensureTeamKnown(deps, ctx);

  const text = stripMentions(TurnContext.removeRecipientMention(ctx.activity) ?? ctx.activity.text ?? '');
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
  if (language) ctx.turnState.set(TURN_LANGUAGE, language);
  await match.command.run(language && language !== client ? createTurnScope(deps, ctx, undefined, { language }) : scope, match.args);
}

/** Other mentions (`<at>Name</at>`) and Teams' HTML are not part of the command words. */
function stripMentions(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .trim();
}
