import type { PersonRows } from '../../kernel/person-data';
import type { RolePolicy } from '../../kernel/roles';
import type { PersonalData } from '../../platform/teams/feature';

/** The core's rows about a person (profiles, memberships, conversations, deliveries), found and changed by platform/storage/core-person-rows.ts. */
export function corePersonalData(rows: PersonRows, roles: Pick<RolePolicy, 'isListed'>): PersonalData {
  return {
    export: (person) => rows.exportPerson(person),
    async erase(person) {
      const counts = await rows.erasePerson(person);
      const notes: string[] = [];
      if (roles.isListed(person.tenantId, person.aadObjectId)) {
        notes.push('This person is listed in INITIAL_CO_CHAIRS: remove them there, or they stay a co-chair (and get a profile again) at their next message.');
      }
      notes.push("Quorum reads each team's roster from Teams: if the person is still in a team, their name and object id come back at the next roster read. Remove them from the team first.");
      return { counts, notes };
    },
  };
}
