import { z } from 'zod';
import { QuorumError } from '../../kernel/errors';
import type { Turn } from './turn';

const mentionEntity = z.object({ type: z.literal('mention'), mentioned: z.object({ id: z.string().min(1) }) });

/**
 * The first person @mentioned (not the bot), as an Entra object id: the mention gives a
 * Teams user id, and Teams itself (never the message text) says whose it is. Undefined when
 * nobody is mentioned; a catalogued not-found when Teams does not know that user here.
 */
export async function mentionedUser(turn: Turn): Promise<string | undefined> {
  const botId = turn.activity.recipient?.id;
  const mention = (turn.activity.entities ?? []).map((e) => mentionEntity.safeParse(e)).flatMap((r) => (r.success && r.data.mentioned.id !== botId ? [r.data] : []))[0];
  if (!mention) return undefined;
  try {
    const account = await turn.member(mention.mentioned.id);
    if (!account.aadObjectId) throw new Error('member without object id');
    return account.aadObjectId.toLowerCase();
  } catch {
    throw new QuorumError('not-found', 'mentioned user is not in this team', { what: 'member' });
  }
}
