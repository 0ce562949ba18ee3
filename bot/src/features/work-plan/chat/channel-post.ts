import type { AdaptiveCard } from '../../../platform/cards/render';
import type { GroupRef } from '../../../kernel/identity';
import type { Delivery, Mention, Notifier } from '../../../kernel/notifications';

/** Teams notifies at most 20 people per message. */
export const MENTIONS_PER_POST = 20;

/**
 * A card with its @mentions: beyond 20 people, the rest follow in short text posts so
 * everyone is notified. The first post's outcome decides (inactive/failed stops the rest).
 * `onceKey` (what a job owes) makes each of the posts go out once across re-runs.
 */
export async function postWithMentions(notifier: Notifier, group: GroupRef, card: AdaptiveCard, mentions: Mention[], purpose: string, moreText: string, onceKey?: string): Promise<Delivery> {
  const unique = [...new Map(mentions.map((m) => [m.userId, m])).values()];
  const once = (part: number) => (onceKey ? { onceKey: `${onceKey}|${part}` } : {});
  const first = await notifier.postToGroup(group, { card, mentions: unique.slice(0, MENTIONS_PER_POST), purpose, ...once(0) });
  if (first.status !== 'sent') return first;
  for (let i = MENTIONS_PER_POST; i < unique.length; i += MENTIONS_PER_POST) {
    await notifier.postToGroup(group, { text: moreText, mentions: unique.slice(i, i + MENTIONS_PER_POST), purpose, ...once(i) });
  }
  return first;
}
