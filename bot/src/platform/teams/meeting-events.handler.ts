import type { BotDeps } from './bot-deps';
import type { MeetingEvent } from './feature';
import type { Turn } from './turn';
import { identify } from './turn-identity';

interface MeetingChannelData {
  meeting?: { id?: unknown };
}

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 4096 ? v : undefined);

/**
 * Hands a meeting start/end event to the features (payload: "Get real-time Teams meeting events",
 * https://learn.microsoft.com/en-us/microsoftteams/platform/apps-in-teams-meetings/meeting-apps-apis). Only the tenant, the conversation and
 * `channelData.meeting.id` come from what the authenticated connector set; the join URL is
 * only used to find a session indexed under that tenant, so it cannot reach another's.
 */
export async function onMeetingEvent(deps: BotDeps, turn: Turn, kind: MeetingEvent['kind'], joinUrl: string, at: Date, valueId: string): Promise<void> {
  const id = identify(turn.activity);
  const meetingId = str((turn.activity.channelData as MeetingChannelData | undefined)?.meeting?.id) ?? str(valueId);
  if (!id.tenantId || !meetingId || !id.conversationId) {
    deps.logger.info({ kind, tenantId: id.tenantId ?? 'none' }, 'meeting event without tenant, meeting or conversation: ignored');
    return;
  }
  const when = Number.isNaN(at.getTime()) ? deps.clock.now() : at;
  const event: MeetingEvent = {
    kind,
    tenantId: id.tenantId,
    meetingId,
    conversationId: id.conversationId,
    joinUrl,
    at: when,
    reference: turn.conversationReference(),
    ...(id.locale ? { locale: id.locale } : {}),
  };
  for (const handle of deps.registry.meetingHandlers()) await handle(event);
}
