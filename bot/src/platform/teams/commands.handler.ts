import type { BotDeps } from './bot-deps';
import { ensureTeamKnown, onPersonalInstall } from './installation.handler';
import type { Turn } from './turn';
import { createTurnScope, prefetchGroupAndRole } from './turn-scope';
import { languageOf, type Language } from '../i18n/i18n';
import { personalLanguage } from '../../kernel/personal-language';
import { identify } from './turn-identity';

/** A chat message: personal chat, or an @mention in a channel (the mention is stripped). */
export async function handleMessage(deps: BotDeps, turn: Turn): Promise<void> {
  const typing = turn.send({ type: 'typing' });
  const { id } = createTurnScope(deps, turn);
  prefetchGroupAndRole(deps, turn);
  // None of these waits on another (their reads of the same rows are shared within the turn).
  const [chosen] = await Promise.all([
    // In personal chat a person who chose their own language reads it instead of their client's.
    chosenLanguage(deps, turn),
    id.conversationKind === 'personal' ? onPersonalInstall(deps, turn, false) : undefined,
    id.teamId ? ensureTeamKnown(deps, turn) : undefined,
    typing,
  ]);
  if (chosen) turn.answerLanguage = chosen;
  const scope = createTurnScope(deps, turn, undefined, chosen ? { language: chosen } : {});

  const text = stripMentions(turn.textWithoutBotMention() ?? turn.activity.text ?? '');
  const match = deps.registry.match(text);
  if (!match) {
    const suggestion = deps.registry.suggest(text);
    await scope.sendText(suggestion ? scope.t('unknownSuggest', { suggestion }) : scope.t('unknown'));
    return;
  }
  // Someone who types `aide` reads French, whatever language their client is set to; a
  // language the person chose themselves wins over the word (`help` out of habit stays in it).
  const client = chosen ?? languageOf(scope.id.locale);
  const language = chosen ?? (match.languages.includes(client) ? client : match.languages[0]);
  // A refusal the command throws is answered by the turn's error handler: in the same language.
  if (language) turn.answerLanguage = language;
  await match.command.run(language && language !== client ? createTurnScope(deps, turn, undefined, { language }) : scope, match.args);
}

/** The caller's own language (see kernel/personal-language.ts), in personal chat only: elsewhere others read the answer too. */
export async function chosenLanguage(deps: BotDeps, turn: Turn): Promise<Language | undefined> {
  const id = identify(turn.activity);
  if (id.conversationKind !== 'personal' || !id.caller) return undefined;
  // A preference: when storage cannot say, the turn goes on in the client's language.
  return personalLanguage(deps.repos, id.caller).catch((err: unknown) => {
    deps.logger.warn({ err }, 'personal language not read');
    return undefined;
  });
}

/** Other mentions (`<at>Name</at>`) and Teams' HTML are not part of the command words. */
function stripMentions(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .trim();
}
