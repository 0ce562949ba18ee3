import { MAX_MENTIONS, type Mention, type OutboundMessage } from '../../kernel/notifications';
import { adaptiveCardAttachment, type Activity, type Entity } from './activity';

/** A proactive message as Teams' wire activity. A mention's markup must match its entity exactly; names are escaped so they cannot inject markdown. */
export function outboundActivity(message: OutboundMessage): Partial<Activity> {
  const mentions = (message.mentions ?? []).slice(0, MAX_MENTIONS);
  const tags = mentions.map((m) => `<at>${escapeName(m.name)}</at>`);
  const text = [message.text ?? '', tags.join(' ')].filter(Boolean).join(' ');
  const activity: Partial<Activity> = { type: 'message' };
  if (text) activity.text = text;
  if (mentions.length > 0) activity.entities = mentions.map((m, i) => mentionEntity(m, tags[i]!));
  if (message.card) activity.attachments = [adaptiveCardAttachment(message.card)];
  return activity;
}

function mentionEntity(m: Mention, tag: string): Entity {
  return { type: 'mention', text: tag, mentioned: { id: m.userId, name: m.name } } as Entity;
}

function escapeName(name: string): string {
  return (
    name
      .replace(/[<>&*_`[\]#~|\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || '…'
  );
}
