import type { GroupRef } from '../../../kernel/identity';
import type { Versioned } from '../../../kernel/versioned';

export interface AgendaItem {
  title: string;
  /** A person or an organisation presenting the item. */
  presenter?: string;
  minutes?: number;
  /** Work-plan action items discussed under this item. */
  actionItemIds: string[];
  pollIds: string[];
}

export const SESSION_STATUSES = ['planned', 'in-progress', 'closed'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export interface Session extends GroupRef {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  /** The IANA zone the times were given in; shown back and written into the .ics. */
  timeZone: string;
  place?: string;
  onlineUrl?: string;
  description?: string;
  agenda: AgendaItem[];
  status: SessionStatus;
  createdBy: string;
  updatedAt: Date;
  /** Revision: 0 (or absent) when created, one more at every edit (the .ics SEQUENCE). */
  sequence?: number;
}

export interface SessionRepository {
  get(group: GroupRef, id: string): Promise<Versioned<Session> | undefined>;
  /** QuorumError('conflict') when the id exists (a replayed form). */
  create(session: Session): Promise<Versioned<Session>>;
  update(session: Session, etag: string): Promise<Versioned<Session>>;
  list(group: GroupRef): Promise<Session[]>;
}

/**
 * Open action items to review at the next session. The work-plan feature owns them and
 * provides the implementation; until it is wired, sessions show no carried-forward items.
 */
export interface OpenItemsSource {
  openItems(group: GroupRef): Promise<{ id: string; ref: string; title: string }[]>;
}

export const noOpenItems: OpenItemsSource = { openItems: async () => [] };

/** The session in progress, else the next planned one to start. */
export function nextSession(sessions: readonly Session[], now: Date): Session | undefined {
  return sessions.filter((s) => s.status !== 'closed' && s.endsAt.getTime() > now.getTime()).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
}

/** Reminders before a session (defaults of the issue: agenda call at 14 days, then the day before). */
export const SESSION_REMINDERS = [
  { id: '14d', beforeMs: 14 * 24 * 3_600_000 },
  { id: '1d', beforeMs: 24 * 3_600_000 },
] as const;
