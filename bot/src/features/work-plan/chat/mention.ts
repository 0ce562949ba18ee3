import { TeamsInfo, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { invalid } from '../domain/item-errors';

const mentionEntity = z.object({ type: z.literal('mention'), mentioned: z.object({ id: z.string().min(1) }) });

/**
 * The first person @mentioned (not the bot), as an Entra object id: the mention gives a
 * Teams user id, and Teams itself (never the message text) says whose it is.
 */
export async function mentionedObjectId(ctx: TurnContext): Promise<string | undefined> {
  const botId = ctx.activity.recipient?.id;
  const mention = (ctx.activity.entities ?? [])
    .map((e) => mentionEntity.safeParse(e))
    .flatMap((r) => (r.success && r.data.mentioned.id !== botId ? [r.data] : []))[0];
  if (!mention) return undefined;
  try {
    const account = await TeamsInfo.getMember(ctx, mention.mentioned.id);
    if (!account.aadObjectId) throw new Error('member without object id');
    return account.aadObjectId.toLowerCase();
  } catch {
    throw invalid('unknownOwner');
  }
}
