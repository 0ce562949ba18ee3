import type { Activity } from './activity';
import type { ConversationKind } from '../../kernel/conversation';
import type { Caller } from '../../kernel/identity';
import { plainName } from '../../kernel/plain-text';

export interface TurnIdentity {
  /** Absent when the channel did not say who is acting (system events). */
  caller?: Caller;
  tenantId?: string;
  teamId?: string;
  teamName?: string;
  conversationKind: ConversationKind;
  conversationId: string;
  locale?: string;
}

interface TeamsChannelDataShape {
  tenant?: { id?: unknown };
  team?: { id?: unknown; name?: unknown };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/**
 * Who and where, read only from fields the authenticated Bot Connector sets — never from
 * message text or card data.
 */
export function identify(activity: Activity): TurnIdentity {
  const cd = (activity.channelData ?? {}) as TeamsChannelDataShape;
  const tenantId = (str(cd.tenant?.id) ?? str(activity.conversation?.tenantId))?.toLowerCase();
  const type = activity.conversation?.conversationType;
  const conversationKind: ConversationKind = type === 'channel' ? 'channel' : type === 'groupChat' ? 'groupChat' : 'personal';
  const aadObjectId = str(activity.from?.aadObjectId)?.toLowerCase();
  const id: TurnIdentity = { conversationKind, conversationId: activity.conversation?.id ?? '' };
  if (tenantId) id.tenantId = tenantId;
  const name = plainName(str(activity.from?.name) ?? '');
  if (tenantId && aadObjectId) id.caller = { tenantId, aadObjectId, ...(name ? { name } : {}) };
  const teamId = str(cd.team?.id);
  if (teamId) id.teamId = teamId;
  const teamName = str(plainName(str(cd.team?.name) ?? ''));
  if (teamName) id.teamName = teamName;
  if (activity.locale) id.locale = activity.locale;
  return id;
}
