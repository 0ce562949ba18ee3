import type { GroupRef } from './identity';
import type { Language } from './languages';

export interface Group extends GroupRef {
  name: string;
  /** false once the bot was removed or the team deleted: nothing more is posted there. */
  active: boolean;
  /** The channel conversation reminders go to (key into the conversation references). */
  channelConversationId?: string;
  timeZone: string;
  /** What channel posts, digests and reminders are written in (co-chairs choose it); absent: English. */
  language?: Language;
  installedAt: string;
  deactivatedAt?: string;
}

export const DEFAULT_TIME_ZONE = 'UTC';
