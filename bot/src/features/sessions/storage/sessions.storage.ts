import type { PersonRows } from '../../../kernel/person-data';
import type { Logger } from '../../../platform/logging/logger';
import type { TableClients } from '../../../platform/storage/table-client.factory';
import type { LiveStateRepository } from '../domain/live-state';
import type { MeetingLinkStore } from '../domain/meeting-link';
import type { SessionRepository } from '../domain/session';
import { MeetingIndexedSessionRepository } from './meeting-index.session-repository';
import { MeetingLinkPersonRows } from './meeting-link-person-rows';
import { MEETING_LINKS_TABLE, TableMeetingLinkStore } from './meeting-link.store';
import { SessionPersonRows } from './session-person-rows';
import { SESSION_LIVE_TABLE, TableLiveStateRepository } from './session-live.repository';
import { TableSessionRepository } from './session.repository';

/** The sessions feature's tables, in the catalogue the composition root assembles. */
export const SESSIONS_TABLES = ['sessions', SESSION_LIVE_TABLE, MEETING_LINKS_TABLE] as const;
export type SessionsTable = (typeof SESSIONS_TABLES)[number];

export interface SessionsStorage {
  /** Saving a session also indexes it under its online meeting link (the meetings feature reads it). */
  sessions: SessionRepository;
  live: LiveStateRepository;
  /** Sessions by meeting: the index of online links and the links typed in meeting chats. */
  links: MeetingLinkStore;
  /** Sessions created and agenda timers moved by a person. */
  person: PersonRows;
  /** Meeting links a person made (the meetings feature's personal data: it makes them). */
  linkers: PersonRows;
}

export function createSessionsStorage(tables: TableClients<SessionsTable>, logger: Logger): SessionsStorage {
  const links = new TableMeetingLinkStore(tables.table(MEETING_LINKS_TABLE));
  return {
    sessions: new MeetingIndexedSessionRepository(new TableSessionRepository(tables.table('sessions')), links, logger),
    live: new TableLiveStateRepository(tables.table(SESSION_LIVE_TABLE)),
    links,
    person: new SessionPersonRows(tables.table('sessions'), tables.table(SESSION_LIVE_TABLE)),
    linkers: new MeetingLinkPersonRows(tables.table(MEETING_LINKS_TABLE)),
  };
}
