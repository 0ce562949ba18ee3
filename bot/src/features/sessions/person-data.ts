import { odata } from '@azure/data-tables';
import { FORMER_MEMBER } from '../../kernel/person-data';
import { toKey } from '../../platform/storage/keys';
import { body, exported, rewrite, scan } from '../../platform/storage/person-rows';
import { SESSION_LIVE_TABLE } from './storage/session-live.repository';
import type { PersonalData } from '../../platform/teams/feature';

/**
 * Sessions name a person as their creator, and as the co-chair who last moved a session's
 * shared agenda timer (`updatedBy` of its live state). Both become FORMER_MEMBER: the timer
 * keeps its item and times, and goes on working. Agenda presenters are free text (a name or
 * an organisation, typed by a co-chair), not linked to anyone, and are left as written.
 */
export const sessionsPersonalData: PersonalData = {
  async export(ctx, person) {
    const created: unknown[] = [];
    const timers: unknown[] = [];
    for (const g of person.groups) {
      const pk = toKey(g.tenantId, g.teamId);
      created.push(...(await mine(ctx.tables.table('sessions'), pk, 'createdBy', person.aadObjectId)).map(exported));
      timers.push(...(await mine(ctx.tables.table(SESSION_LIVE_TABLE), pk, 'updatedBy', person.aadObjectId)).map(exported));
    }
    return { sessionsCreated: created, liveTimersLastMoved: timers };
  },

  async erase(ctx, person) {
    const counts = { sessionsCreatorRemoved: 0, liveTimersUpdaterRemoved: 0 };
    const jobs = [
      ['sessions', 'createdBy', 'sessionsCreatorRemoved'],
      [SESSION_LIVE_TABLE, 'updatedBy', 'liveTimersUpdaterRemoved'],
    ] as const;
    for (const [name, field, count] of jobs) {
      const table = ctx.tables.table(name);
      for (const g of person.groups) {
        for (const r of await mine(table, toKey(g.tenantId, g.teamId), field, person.aadObjectId)) {
          // Under the ETag read: a co-chair moving the timer meanwhile wins, and names themselves.
          counts[count] += Number(await rewrite(table, r.partitionKey, r.rowKey, (now) => (String(now[field]).toLowerCase() === person.aadObjectId ? { replace: { ...body(now), [field]: FORMER_MEMBER } } : undefined)));
        }
      }
    }
    return { counts };
  },
};

async function mine(table: Parameters<typeof scan>[0], pk: string, field: 'createdBy' | 'updatedBy', aad: string) {
  return (await scan(table, odata`PartitionKey eq ${pk}`)).filter((r) => String(r[field]).toLowerCase() === aad);
}
