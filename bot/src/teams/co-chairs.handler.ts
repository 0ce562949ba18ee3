import { TeamsInfo, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { renderCoChairsCard } from '../cards/co-chairs-card';
import type { AdaptiveCard } from '../cards/render';
import type { Group } from '../domain/group';
import type { Caller } from '../domain/identity';
import { listCoChairs, setCoChair } from '../domain/use-cases/co-chairs.use-case';
import { QuorumError } from '../domain/errors';
import type { Translate } from '../i18n/i18n';
import type { BotDeps } from './bot-deps';

export interface Notice {
  text: string;
  tone: 'good' | 'attention';
}

export async function coChairsCard(deps: BotDeps, t: Translate, caller: Caller, group: Group, notice?: Notice): Promise<AdaptiveCard> {
  const { coChairs, members } = await listCoChairs(deps, caller, group);
  const canManage = (await deps.roles.roleOf(caller, group)) === 'co-chair';
  return renderCoChairsCard(t, { groupName: group.name, teamId: group.teamId, canManage, coChairs, members, ...(notice ? { notice } : {}) });
}

/** Applies a role change and answers with the refreshed card and a notice of what changed. */
export async function changeCoChair(deps: BotDeps, t: Translate, caller: Caller, group: Group, target: string, makeCoChair: boolean): Promise<AdaptiveCard> {
  const member = await setCoChair(deps, caller, group, target, makeCoChair);
  deps.logger.info({ tenantId: group.tenantId, teamId: group.teamId, by: caller.aadObjectId, target, makeCoChair }, 'co-chair role changed');
  const text = t(makeCoChair ? 'coChairs.added' : 'coChairs.removed', { name: member.name });
  return coChairsCard(deps, t, caller, group, { text, tone: 'good' });
}

/**
 * `cochair add @Name` in a channel: the mention gives a Teams user id; Teams itself (not the
 * message text) tells us that user's Entra object id.
 */
export async function targetFromMention(ctx: TurnContext): Promise<string> {
  const botId = ctx.activity.recipient?.id;
  const mention = (ctx.activity.entities ?? [])
    .map((e) => mentionEntity.safeParse(e))
    .flatMap((r) => (r.success && r.data.mentioned.id !== botId ? [r.data] : []))[0];
  if (!mention) throw new QuorumError('validation', 'no mention', { reason: 'mention-needed' });
  try {
    const account = await TeamsInfo.getMember(ctx, mention.mentioned.id);
    if (!account.aadObjectId) throw new Error('member without object id');
    return account.aadObjectId.toLowerCase();
  } catch {
    throw new QuorumError('not-found', 'mentioned user is not in this team', { what: 'member' });
  }
}

const mentionEntity = z.object({ type: z.literal('mention'), mentioned: z.object({ id: z.string().min(1) }) });
