import { randomBytes } from 'node:crypto';
import { decodeContinuationToken, Directory, encodeContinuationToken } from './directory';
import type { RecordedRequest, RouteName, TeamsChannelAccount } from './types';

export interface RouteMatch {
  route: RouteName;
  conversationId?: string;
  activityId?: string;
  memberId?: string;
  teamId?: string;
}

export interface ServiceResponse {
  status: number;
  /** Serialised as JSON; undefined means an empty body. */
  body?: unknown;
}

export function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

/** Routes are matched on decoded segments: the connector client URL-encodes ids. */
export function matchRoute(method: string, segments: readonly string[]): RouteMatch {
  const [v3, collection, id, sub, subId, ...rest] = segments;
  if (v3 !== 'v3' || rest.length > 0 || segments.some((s) => s === '')) return { route: 'unknown' };

  if (collection === 'conversations') {
    if (id === undefined) return method === 'POST' ? { route: 'createConversation' } : { route: 'unknown' };
    const conversationId = id;
    if (sub === 'activities' && subId === undefined && method === 'POST') {
      return { route: 'sendToConversation', conversationId };
    }
    if (sub === 'activities' && subId !== undefined) {
      const byMethod: Record<string, RouteName> = {
        POST: 'replyToActivity',
        PUT: 'updateActivity',
        DELETE: 'deleteActivity',
      };
      const route = byMethod[method];
      if (route) return { route, conversationId, activityId: subId };
    }
    if (method === 'GET' && sub === 'members') {
      return subId === undefined ? { route: 'getConversationMembers', conversationId } : { route: 'getConversationMember', conversationId, memberId: subId };
    }
    if (method === 'GET' && sub === 'pagedmembers' && subId === undefined) {
      return { route: 'getConversationPagedMembers', conversationId };
    }
  }

  if (collection === 'teams' && id !== undefined && method === 'GET' && subId === undefined) {
    if (sub === undefined) return { route: 'fetchTeamDetails', teamId: id };
    if (sub === 'conversations') return { route: 'fetchChannelList', teamId: id };
  }
  return { route: 'unknown' };
}

export const ACTIVITY_WRITES: ReadonlySet<RouteName> = new Set(['sendToConversation', 'replyToActivity', 'updateActivity']);

const DEFAULT_PAGE_SIZE = 200;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** The behaviour of the Bot Connector service itself, once faults and limits are past. */
export class ConnectorService {
  private lastActivityId = 0;
  private readonly personalConversations = new Map<string, string>();

  constructor(
    readonly directory: Directory,
    private readonly now: () => number,
  ) {}

  handle(req: RecordedRequest): ServiceResponse {
    switch (req.route) {
      case 'sendToConversation':
      case 'replyToActivity':
        return this.requireActivity(req) ?? { status: 201, body: { id: this.nextActivityId() } };
      case 'updateActivity':
        return this.requireActivity(req) ?? { status: 200, body: { id: req.activityId } };
      case 'deleteActivity':
        return { status: 200 };
      case 'createConversation':
        return this.createConversation(req.body);
      case 'getConversationMembers':
        return this.withRoster(req, (roster) => ({ status: 200, body: roster }));
      case 'getConversationMember':
        return this.withRoster(req, (roster) => {
          const member = roster.find((m) => m.id === req.memberId);
          return member
            ? { status: 200, body: member }
            : {
                status: 404,
                body: errorBody('MemberNotFoundInConversation', 'The member could not be found in the conversation.'),
              };
        });
      case 'getConversationPagedMembers':
        return this.withRoster(req, (roster) => this.page(roster, req.query));
      case 'fetchTeamDetails':
      case 'fetchChannelList': {
        const team = this.directory.team(req.teamId ?? '');
        if (!team) return { status: 404, body: errorBody('NotFound', `Team ${String(req.teamId)} not found.`) };
        return req.route === 'fetchTeamDetails'
          ? { status: 200, body: { id: team.id, name: team.name, aadGroupId: team.aadGroupId } }
          : { status: 200, body: { conversations: this.directory.channels(team) } };
      }
      case 'unknown':
        return { status: 404, body: errorBody('NotFound', `No API matches ${req.method} ${req.path}.`) };
    }
  }

  /** Teams message ids are millisecond timestamps; keep them increasing within a burst. */
  private nextActivityId(): string {
    this.lastActivityId = Math.max(this.now(), this.lastActivityId + 1);
    return String(this.lastActivityId);
  }

  private requireActivity(req: RecordedRequest): ServiceResponse | undefined {
    if (isObject(req.body) && typeof req.body.type === 'string') return undefined;
    return { status: 400, body: errorBody('BadArgument', 'The request body must be an activity with a type.') };
  }

  private withRoster(req: RecordedRequest, answer: (roster: TeamsChannelAccount[]) => ServiceResponse): ServiceResponse {
    const roster = this.directory.roster(req.conversationId ?? '');
    if (!roster) return { status: 404, body: errorBody('ConversationNotFound', 'Conversation not found.') };
    return answer(roster);
  }

  // The real service may adjust the page size; the fake honours it exactly so tests can
  // page through a small roster.
  private page(roster: TeamsChannelAccount[], query: Record<string, string>): ServiceResponse {
    const pageSize = query.pageSize === undefined ? DEFAULT_PAGE_SIZE : Number(query.pageSize);
    if (!Number.isInteger(pageSize) || pageSize < 1) {
      return { status: 400, body: errorBody('BadArgument', `Invalid pageSize ${String(query.pageSize)}.`) };
    }
    // An empty token means the first page: typed callers of botframework-connector must pass a string.
    const token = query.continuationToken ?? '';
    const offset = token === '' ? 0 : decodeContinuationToken(token);
    if (offset === undefined || offset > roster.length) {
      return { status: 400, body: errorBody('BadArgument', 'Invalid continuation token.') };
    }
    const end = offset + pageSize;
    const body: { members: TeamsChannelAccount[]; continuationToken?: string } = { members: roster.slice(offset, end) };
    if (end < roster.length) body.continuationToken = encodeContinuationToken(end);
    return { status: 200, body };
  }

  private createConversation(params: unknown): ServiceResponse {
    if (!isObject(params)) {
      return { status: 400, body: errorBody('BadArgument', 'The request body must be ConversationParameters.') };
    }
    const activity = params.activity;
    const activityId = isObject(activity) ? this.nextActivityId() : undefined;
    const channelId = field(params, 'channelData', 'channel', 'id');

    if (typeof channelId === 'string') {
      // A new thread in a channel: the conversation is the thread, named after its first message.
      if (activityId === undefined) {
        return { status: 400, body: errorBody('BadArgument', 'Creating a channel thread requires an activity.') };
      }
      return { status: 201, body: { id: `${channelId};messageid=${activityId}`, activityId } };
    }

    // Teams hands back the same personal conversation each time the bot opens one with a user.
    const members = params.members;
    const firstId = Array.isArray(members) ? field(members[0], 'id') : undefined;
    const tenantId = field(params, 'tenantId') ?? field(params, 'channelData', 'tenant', 'id');
    const key = `${String(tenantId)}|${String(firstId)}`;
    let id = this.personalConversations.get(key);
    if (id === undefined) {
      id = `a:${randomBytes(24).toString('base64url')}`;
      this.personalConversations.set(key, id);
    }
    return { status: 201, body: activityId === undefined ? { id } : { id, activityId } };
  }
}
