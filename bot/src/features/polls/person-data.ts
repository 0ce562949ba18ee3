import type { PersonRows } from '../../kernel/person-data';
import type { PersonalData } from '../../platform/teams/feature';

/** The polls' rows about a person, found and changed by the poll storage (storage/poll-person-rows.ts says how). */
export function pollsPersonalData(rows: PersonRows): PersonalData {
  return {
    export: (person) => rows.exportPerson(person),
    erase: async (person) => ({
      counts: await rows.erasePerson(person),
      notes: ['Anonymous-poll choices were never stored with a person; only the "has voted" marker was, and it no longer names them.'],
    }),
  };
}
