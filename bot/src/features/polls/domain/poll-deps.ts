import type { Clock } from '../../../kernel/clock';
import type { MemberRepository } from '../../../kernel/ports';
import type { RolePolicy } from '../../../kernel/roles';
import type { Scheduler } from '../../../kernel/scheduling';
import type { SessionRepository } from '../../sessions';
import type { PollRepository, PollSettingsRepository } from './ports';

export interface PollDeps {
  polls: PollRepository;
  settings: PollSettingsRepository;
  sessions: SessionRepository;
  members: MemberRepository;
  roles: RolePolicy;
  clock: Clock;
  scheduler: Scheduler;
}

export const POLL_JOBS = {
  close: 'poll-close',
  reminder: 'poll-reminder',
  cardRefresh: 'poll-card-refresh',
} as const;

/** The reminder before close (issue default: 24 h). */
export const REMINDER_BEFORE_MS = 24 * 3_600_000;
/** The channel card is updated at most once per window per poll. */
export const CARD_REFRESH_WINDOW_MS = 5_000;
