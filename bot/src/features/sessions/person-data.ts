import type { PersonRows } from '../../kernel/person-data';
import type { PersonalData } from '../../platform/teams/feature';

/** The sessions' rows about a person, found and changed by the session storage (storage/session-person-rows.ts says how). */
export function sessionsPersonalData(rows: PersonRows): PersonalData {
  return {
    export: (person) => rows.exportPerson(person),
    erase: async (person) => ({ counts: await rows.erasePerson(person) }),
  };
}
