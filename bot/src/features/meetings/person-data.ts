import type { PersonRows } from '../../kernel/person-data';
import type { PersonalData } from '../../platform/teams/feature';

/**
 * The meetings feature names a person only as the co-chair who linked a meeting chat to a
 * session; those links are stored with the sessions (sessions/storage/meeting-link-person-rows.ts
 * finds and erases them). The post markers (meeting id, session id, state) name nobody. The
 * meeting chat's stored conversation reference, whose `user` is whoever's message or event
 * stored it, is the core's (it owns the conversations table) and is erased there like a channel's.
 */
export function meetingsPersonalData(linksMade: PersonRows): PersonalData {
  return {
    export: (person) => linksMade.exportPerson(person),
    erase: async (person) => ({ counts: await linksMade.erasePerson(person) }),
  };
}
