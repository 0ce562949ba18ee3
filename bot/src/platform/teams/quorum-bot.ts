import { ActivityTypes, TeamsActivityHandler, type InvokeResponse, type MessagingExtensionAction, type MessagingExtensionActionResponse, type TurnContext } from 'botbuilder';
import { recordMemberLeft } from '../../kernel/installation';
import type { TeamsMember } from './activity';
import { turnOf } from './botbuilder-turn';
import { fetchMessageAction, submitMessageAction } from './message-actions.handler';
import { translator } from '../i18n/i18n';
import type { BotDeps } from './bot-deps';
import { handleCardAction } from './card-actions.handler';
import { handleCardSearch } from './card-search.handler';
import { handleMessage } from './commands.handler';
import { onBotAddedToTeam, onBotRemovedFromTeam, onMembersAdded, onPersonalInstall } from './installation.handler';
import { identify } from './turn-identity';
import { onMeetingEvent } from './meeting-events.handler';
import { withTurnReads } from '../storage/read-cache';

/**
 * Routes Teams activities to handlers, each given the turn as a Turn (botbuilder stays in
 * this file and botbuilder-turn.ts). It holds no state: everything lasting is in storage,
 * so any instance can take any turn.
 */
export class QuorumBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();

    this.onMessage(async (ctx, next) => {
      await handleMessage(deps, turnOf(ctx));
      await next();
    });

    this.onTeamsMembersRemovedEvent(async (membersRemoved, _team, ctx, next) => {
      const botId = ctx.activity.recipient?.id;
      if (membersRemoved.some((m) => m.id === botId)) {
        await onBotRemovedFromTeam(deps, turnOf(ctx));
      } else {
        const id = identify(ctx.activity);
        for (const m of membersRemoved) {
          if (id.tenantId && id.teamId && m.aadObjectId) {
            await recordMemberLeft(deps.repos, deps.clock, { tenantId: id.tenantId, teamId: id.teamId }, m.aadObjectId.toLowerCase());
          }
        }
      }
      await next();
    });

    this.onTeamsTeamDeletedEvent(async (_team, ctx, next) => {
      await onBotRemovedFromTeam(deps, turnOf(ctx));
      await next();
    });

    this.onInstallationUpdateAdd(async (ctx, next) => {
      const id = identify(ctx.activity);
      if (id.teamId) await onBotAddedToTeam(deps, turnOf(ctx));
      else if (id.conversationKind === 'personal') await onPersonalInstall(deps, turnOf(ctx), true);
      await next();
    });

    // botbuilder checks the value's shape (Id, JoinUrl, MeetingType, Title, StartTime/EndTime) first.
    this.onTeamsMeetingStartEvent(async (meeting, ctx, next) => {
      await onMeetingEvent(deps, turnOf(ctx), 'start', meeting.joinUrl, meeting.startTime, meeting.id);
      await next();
    });

    this.onTeamsMeetingEndEvent(async (meeting, ctx, next) => {
      await onMeetingEvent(deps, turnOf(ctx), 'end', meeting.joinUrl, meeting.endTime, meeting.id);
      await next();
    });

    this.onInstallationUpdateRemove(async (ctx, next) => {
      if (identify(ctx.activity).teamId) await onBotRemovedFromTeam(deps, turnOf(ctx));
      await next();
    });
  }

  /**
   * Replaces botbuilder's version, which looks every new member up and fails the whole turn
   * when one lookup fails. Here the bot's own arrival is handled first, and people are looked
   * up one by one, keeping what the activity says about anyone Teams cannot find.
   */
  protected override async onTeamsMembersAdded(ctx: TurnContext): Promise<void> {
    const turn = turnOf(ctx);
    const botId = turn.activity.recipient?.id;
    const added = turn.activity.membersAdded ?? [];
    if (added.some((m) => m.id === botId)) await onBotAddedToTeam(this.deps, turn);
    const people: TeamsMember[] = [];
    for (const m of added.filter((a) => a.id !== botId)) {
      people.push(await turn.member(m.id).catch(() => ({ ...m, aadObjectId: m.aadObjectId ?? '' }) as TeamsMember));
    }
    if (people.length > 0) await onMembersAdded(this.deps, turn, people);
  }

  /** Tenants outside the allow-list get a one-line refusal to messages and nothing else. */
  override async run(ctx: TurnContext): Promise<void> {
    const allowed = this.deps.allowedTenantIds;
    const id = identify(ctx.activity);
    if (allowed.length > 0 && (!id.tenantId || !allowed.includes(id.tenantId))) {
      this.deps.logger.warn({ tenantId: id.tenantId ?? 'none', type: ctx.activity.type }, 'activity from a tenant that is not allowed');
      if (ctx.activity.type === ActivityTypes.Message) {
        await turnOf(ctx).send(translator(this.deps.i18n, id.locale)('tenantNotAllowed'));
      } else if (ctx.activity.type === ActivityTypes.Invoke) {
        await turnOf(ctx).send({ type: ActivityTypes.InvokeResponse, value: { status: 403 } });
      }
      return;
    }
    await withTurnReads(() => super.run(ctx));
  }

  protected override handleTeamsMessagingExtensionFetchTask(ctx: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    return fetchMessageAction(this.deps, turnOf(ctx), action);
  }

  protected override handleTeamsMessagingExtensionSubmitAction(ctx: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    return submitMessageAction(this.deps, turnOf(ctx), action);
  }

  protected override async onInvokeActivity(ctx: TurnContext): Promise<InvokeResponse> {
    if (ctx.activity.name === 'adaptiveCard/action') {
      const response = await handleCardAction(this.deps, turnOf(ctx));
      return { status: response.statusCode, body: response };
    }
    if (ctx.activity.name === 'application/search') return handleCardSearch(this.deps, turnOf(ctx));
    const response = await super.onInvokeActivity(ctx);
    // botbuilder answers 501 to invokes no handler knows; to Teams that is the caller's
    // mistake (an invoke this app never offered), not a server failure.
    return response.status === 501 ? { status: 400, body: { code: 'UnsupportedInvoke', message: 'This app does not handle that request.' } } : response;
  }
}
