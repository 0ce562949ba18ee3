import type { PersonRows } from '../../kernel/person-data';
import type { PersonalData } from '../../platform/teams/feature';

/** The work plan's rows about a person, found and changed by its storage (storage/work-plan-person-rows.ts says how). */
export function workPlanPersonalData(rows: PersonRows): PersonalData {
  return {
    export: (person) => rows.exportPerson(person),
    erase: async (person) => ({
      counts: await rows.erasePerson(person),
      notes: ["Action item titles, descriptions and notes are kept as written: they are the group's record; their authors are no longer named."],
    }),
  };
}
