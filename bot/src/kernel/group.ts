import type { GroupRef } from './identity';

export interface Group extends GroupRef {
  name: string;
  /** false once the bot was removed or the team deleted: nothing more is posted there. */
  active: boolean;
  /** The channel conversation reminders go to (key into the conversation references). */
  channelConversationId?: string;
  timeZone: string;
  installedAt: string;
  deactivatedAt?: string;
}

export const DEFAULT_TIME_ZONE = 'UTC';
