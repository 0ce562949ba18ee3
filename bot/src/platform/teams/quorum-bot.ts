import {
  ActivityTypes,
  TeamsActivityHandler,
  TeamsInfo,
  type InvokeResponse,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  type TeamsChannelAccount,
  type TurnContext,
} from 'botbuilder';
import { fetchMessageAction, submitMessageAction } from './message-actions.handler';
import { translator } from '../i18n/i18n';
import type { BotDeps } from './bot-deps';
import { handleCardAction } from './card-actions.handler';
import { handleCardSearch } from './card-search.handler';
import { handleMessage } from './commands.handler';
import { onBotAddedToTeam, onBotRemovedFromTeam, onMembersAdded, onPersonalInstall } from './installation.handler';
import { identify } from './turn-identity';
import { onMeetingEvent } from './meeting-events.handler';
import { recordMemberLeft } from '../../features/core/domain/installation.use-case';

/**
 * Routes Teams activities to handlers. It holds no state: everything lasting is in storage,
 * so any instance can take any turn.
 */
export class QuorumBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();

    this.onMessage(async (ctx, next) => {
      await handleMessage(deps, ctx);
      await next();
    });

    this.onTeamsMembersRemovedEvent(async (membersRemoved, _team, ctx, next) => {
      const botId = ctx.activity.recipient?.id;
      if (membersRemoved.some((m) => m.id === botId)) {
        await onBotRemovedFromTeam(deps, ctx);
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
      await onBotRemovedFromTeam(deps, ctx);
      await next();
    });

    this.onInstallationUpdateAdd(async (ctx, next) => {
      const id = identify(ctx.activity);
      if (id.teamId) await onBotAddedToTeam(deps, ctx);
      else if (id.conversationKind === 'personal') await onPersonalInstall(deps, ctx, true);
      await next();
    });

    // botbuilder checks the value's shape (Id, JoinUrl, MeetingType, Title, StartTime/EndTime) first.
    this.onTeamsMeetingStartEvent(async (meeting, ctx, next) => {
      await onMeetingEvent(deps, ctx, 'start', meeting.joinUrl, meeting.startTime, meeting.id);
      await next();
    });

    this.onTeamsMeetingEndEvent(async (meeting, ctx, next) => {
      await onMeetingEvent(deps, ctx, 'end', meeting.joinUrl, meeting.endTime, meeting.id);
      await next();
    });

    this.onInstallationUpdateRemove(async (ctx, next) => {
      if (identify(ctx.activity).teamId) await onBotRemovedFromTeam(deps, ctx);
      await next();
    });
  }

  /**
   * Replaces botbuilder's version, which looks every new member up and fails the whole turn
   * when one lookup fails. Here the bot's own arrival is handled first, and people are looked
   * up one by one, keeping what the activity says about anyone Teams cannot find.
   */
  protected override async onTeamsMembersAdded(ctx: TurnContext): Promise<void> {
    const botId = ctx.activity.recipient?.id;
    const added = ctx.activity.membersAdded ?? [];
    if (added.some((m) => m.id === botId)) await onBotAddedToTeam(this.deps, ctx);
    const people: TeamsChannelAccount[] = [];
    for (const m of added.filter((a) => a.id !== botId)) {
      people.push(await TeamsInfo.getMember(ctx, m.id).catch(() => ({ ...m, aadObjectId: m.aadObjectId ?? '' }) as TeamsChannelAccount));
    }
    if (people.length > 0) await onMembersAdded(this.deps, ctx, people);
  }

  /** Tenants outside the allow-list get a one-line refusal to messages and nothing else. */
  override async run(ctx: TurnContext): Promise<void> {
    const allowed = this.deps.allowedTenantIds;
    const id = identify(ctx.activity);
    if (allowed.length > 0 && (!id.tenantId || !allowed.includes(id.tenantId))) {
      this.deps.logger.warn({ tenantId: id.tenantId ?? 'none', type: ctx.activity.type }, 'activity from a tenant that is not allowed');
      if (ctx.activity.type === ActivityTypes.Message) {
        await ctx.sendActivity(translator(this.deps.i18n, id.locale)('tenantNotAllowed'));
      } else if (ctx.activity.type === ActivityTypes.Invoke) {
        await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 403 } });
      }
      return;
    }
    await super.run(ctx);
  }

  protected override handleTeamsMessagingExtensionFetchTask(ctx: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    return fetchMessageAction(this.deps, ctx, action);
  }

  protected override handleTeamsMessagingExtensionSubmitAction(ctx: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    return submitMessageAction(this.deps, ctx, action);
  }

  protected override async onInvokeActivity(ctx: TurnContext): Promise<InvokeResponse> {
    if (ctx.activity.name === 'adaptiveCard/action') {
      const response = await handleCardAction(this.deps, ctx);
      return { status: response.statusCode, body: response };
    }
    if (ctx.activity.name === 'application/search') return handleCardSearch(this.deps, ctx);
    const response = await super.onInvokeActivity(ctx);
    // botbuilder answers 501 to invokes no handler knows; to Teams that is the caller's
    // mistake (an invoke this app never offered), not a server failure.
    return response.status === 501 ? { status: 400, body: { code: 'UnsupportedInvoke', message: 'This app does not handle that request.' } } : response;
  }
}
