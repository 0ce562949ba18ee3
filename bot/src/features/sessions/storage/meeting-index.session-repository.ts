import type { GroupRef } from '../../../kernel/identity';
import type { MeetingLinkStore } from '../domain/meeting-link';
import type { Session, SessionRepository } from '../domain/session';
import type { Versioned } from '../../../kernel/versioned';
import type { Logger } from '../../../platform/logging/logger';

/**
 * The session repository to save sessions through (anything else would leave the meeting
 * index behind): sessions, with the meeting index kept in step: every saved session is (re)indexed under its
 * online link. An old link's row is left behind and dropped when a meeting event finds it
 * stale, so a save costs one extra write and never a read.
 */
export class MeetingIndexedSessionRepository implements SessionRepository {
  constructor(
    private readonly inner: SessionRepository,
    private readonly links: MeetingLinkStore,
    private readonly logger: Logger,
  ) {}

  get(group: GroupRef, id: string): Promise<Versioned<Session> | undefined> {
    return this.inner.get(group, id);
  }

  list(group: GroupRef): Promise<Session[]> {
    return this.inner.list(group);
  }

  async create(session: Session): Promise<Versioned<Session>> {
    const saved = await this.inner.create(session);
    await this.index(session);
    return saved;
  }

  async update(session: Session, etag: string): Promise<Versioned<Session>> {
    const saved = await this.inner.update(session, etag);
    await this.index(session);
    return saved;
  }

  /** The session is saved either way; a missed index row only means `session link` is needed. */
  private async index(session: Session): Promise<void> {
    try {
      await this.links.indexSession(session);
    } catch (err) {
      this.logger.warn({ tenantId: session.tenantId, teamId: session.teamId, sessionId: session.id, err }, 'could not index the session under its meeting link');
    }
  }
}
