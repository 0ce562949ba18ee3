import { odata, type TableClient } from '@azure/data-tables';
import { FORMER_MEMBER, type PersonExport, type PersonRef, type PersonRows } from '../../../kernel/person-data';
import { toKey } from '../../../platform/storage/keys';
import { body, exported, rewrite, scan } from '../../../platform/storage/person-rows';

/**
 * Sessions name a person as their creator, and as the co-chair who last moved a session's
 * shared agenda timer (`updatedBy` of its live state). Both become FORMER_MEMBER: the timer
 * keeps its item and times, and goes on working. Agenda presenters are free text (a name or
 * an organisation, typed by a co-chair), not linked to anyone, and are left as written.
 */
export class SessionPersonRows implements PersonRows {
  constructor(
    private readonly sessions: TableClient,
    private readonly live: TableClient,
  ) {}

  async exportPerson(person: PersonRef): Promise<PersonExport> {
    const created: unknown[] = [];
    const timers: unknown[] = [];
    for (const g of person.groups) {
      const pk = toKey(g.tenantId, g.teamId);
      created.push(...(await mine(this.sessions, pk, 'createdBy', person.aadObjectId)).map(exported));
      timers.push(...(await mine(this.live, pk, 'updatedBy', person.aadObjectId)).map(exported));
    }
    return { sessionsCreated: created, liveTimersLastMoved: timers };
  }

  async erasePerson(person: PersonRef): Promise<Record<string, number>> {
    const counts = { sessionsCreatorRemoved: 0, liveTimersUpdaterRemoved: 0 };
    const jobs = [
      [this.sessions, 'createdBy', 'sessionsCreatorRemoved'],
      [this.live, 'updatedBy', 'liveTimersUpdaterRemoved'],
    ] as const;
    for (const [table, field, count] of jobs) {
      for (const g of person.groups) {
        for (const r of await mine(table, toKey(g.tenantId, g.teamId), field, person.aadObjectId)) {
          // Under the ETag read: a co-chair moving the timer meanwhile wins, and names themselves.
          counts[count] += Number(
            await rewrite(table, r.partitionKey, r.rowKey, (now) => (String(now[field]).toLowerCase() === person.aadObjectId ? { replace: { ...body(now), [field]: FORMER_MEMBER } } : undefined)),
          );
        }
      }
    }
    return counts;
  }
}

async function mine(table: TableClient, pk: string, field: 'createdBy' | 'updatedBy', aad: string) {
  return (await scan(table, odata`PartitionKey eq ${pk}`)).filter((r) => String(r[field]).toLowerCase() === aad);
}
