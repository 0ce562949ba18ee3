import { CardFactory, TurnContext } from 'botbuilder';
import { renderHelpCard } from '../cards/help-card';
import { QuorumError } from '../domain/errors';
import type { Group } from '../domain/group';
import type { Caller } from '../domain/identity';
import { resolveGroup } from '../domain/use-cases/resolve-group.use-case';
import { translator, type Translate } from '../i18n/i18n';
import type { BotDeps } from './bot-deps';
import { changeCoChair, coChairsCard, targetFromMention } from './co-chairs.handler';
import { parseCommand } from './command-parser';
import { ensureTeamKnown, onPersonalInstall } from './installation.handler';
import { identify } from './turn-identity';

/** A chat message: personal chat, or an @mention in a channel (the mention is stripped). */
export async function handleMessage(deps: BotDeps, ctx: TurnContext): Promise<void> {
  const id = identify(ctx.activity);
  const t = translator(deps.i18n, id.locale);
  await ctx.sendActivity({ type: 'typing' });
  if (id.conversationKind === 'personal') await onPersonalInstall(deps, ctx, false);
  if (id.teamId) await ensureTeamKnown(deps, ctx);
  if (!id.caller) throw new QuorumError('not-a-member', 'message without an identified sender');
  const caller = id.caller;

  const text = stripMentions(TurnContext.removeRecipientMention(ctx.activity) ?? ctx.activity.text ?? '');
  const command = parseCommand(text);
  switch (command.name) {
    case 'help':
      return sendCard(ctx, await helpCard(deps, t, caller, id.teamId));
    case 'cochairs':
      return sendCard(ctx, await coChairsCard(deps, t, caller, await resolveGroup(deps.repos, caller, id.teamId)));
    case 'cochair-add':
    case 'cochair-remove': {
      const group = await resolveGroup(deps.repos, caller, id.teamId);
      await deps.roles.assertCoChair(caller, group);
      const target = await targetFromMention(ctx);
      return sendCard(ctx, await changeCoChair(deps, t, caller, group, target, command.name === 'cochair-add'));
    }
    default:
      await ctx.sendActivity(t('unknown'));
  }
}

async function helpCard(deps: BotDeps, t: Translate, caller: Caller, teamId: string | undefined) {
  let group: Group | undefined;
  let severalGroups = false;
  try {
    group = await resolveGroup(deps.repos, caller, teamId);
  } catch (err) {
    // Help must always answer: without a (single) group it explains how to get one.
    if (!(err instanceof QuorumError) || err.code === 'storage-unavailable') throw err;
    severalGroups = err.code === 'group-ambiguous';
  }
  const isCoChair = group ? (await deps.roles.roleOf(caller, group)) === 'co-chair' : false;
  return renderHelpCard(t, { ...(group ? { group: { name: group.name, teamId: group.teamId } } : {}), isCoChair, severalGroups });
}

async function sendCard(ctx: TurnContext, card: object): Promise<void> {
  await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

/** Other mentions (`<at>Name</at>`) and Teams' HTML entities are not part of the command word. */
function stripMentions(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .trim();
}
