import { translator } from '../i18n/i18n';
import { adaptiveCardAttachment, type MessagingExtensionAction, type MessagingExtensionActionResponse } from './activity';
import type { BotDeps } from './bot-deps';
import { presentError } from './errors.presenter';
import type { ActionSourceMessage } from './feature';
import type { Turn } from './turn';
import { createTurnScope } from './turn-scope';
import { identify } from './turn-identity';

/** A message action answers in a dialog only its caller sees, in a group chat too. */
const PRIVATE = { privateAnswer: true } as const;

/** composeExtension/fetchTask: the dialog's form, pre-filled from the message. */
export async function fetchMessageAction(deps: BotDeps, turn: Turn, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
  const handler = deps.registry.messageAction(action.commandId ?? '');
  if (!handler) return messageResponse(deps, turn, 'errors.reasons.unknown-action');
  try {
    const card = await handler.fetch(createTurnScope(deps, turn, undefined, PRIVATE), sourceOf(action));
    return dialog(card, action.commandId ?? '');
  } catch (err) {
    return { task: { type: 'message', value: presentError(err, translator(deps.i18n, identify(turn.activity).locale), deps.logger, `action:${action.commandId}`).text } };
  }
}

/** composeExtension/submitAction: the form's values; a card comes back only to show problems. */
export async function submitMessageAction(deps: BotDeps, turn: Turn, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
  const handler = deps.registry.messageAction(action.commandId ?? '');
  if (!handler) return messageResponse(deps, turn, 'errors.reasons.unknown-action');
  try {
    const result = await handler.submit(createTurnScope(deps, turn, undefined, PRIVATE), action.data);
    return result.card ? dialog(result.card, action.commandId ?? '') : {};
  } catch (err) {
    return { task: { type: 'message', value: presentError(err, translator(deps.i18n, identify(turn.activity).locale), deps.logger, `action:${action.commandId}`).text } };
  }
}

function dialog(card: object, title: string): MessagingExtensionActionResponse {
  return { task: { type: 'continue', value: { card: adaptiveCardAttachment(card), title, height: 'medium', width: 'medium' } } };
}

function messageResponse(deps: BotDeps, turn: Turn, key: string): MessagingExtensionActionResponse {
  return { task: { type: 'message', value: translator(deps.i18n, identify(turn.activity).locale)(key) } };
}

/** Only the message's text is taken: its HTML is reduced to text, never rendered. */
function sourceOf(action: MessagingExtensionAction): ActionSourceMessage {
  const payload = action.messagePayload;
  const html = typeof payload?.body?.content === 'string' ? payload.body.content : '';
  const text = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const source: ActionSourceMessage = { text };
  if (payload?.from?.user?.displayName) source.authorName = payload.from.user.displayName;
  if (payload?.from?.user?.id) source.authorAadObjectId = payload.from.user.id.toLowerCase();
  if (payload?.linkToMessage) source.link = payload.linkToMessage;
  return source;
}
