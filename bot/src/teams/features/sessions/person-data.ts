import { odata } from '@azure/data-tables';
import { FORMER_MEMBER } from '../../../domain/person-data';
import { toKey } from '../../../storage/keys';
import { body, exported, rewrite, scan } from '../../../storage/person-rows';
import type { PersonalData } from '../../feature';

/**
 * Sessions name a person only as their creator. Agenda presenters are free text (a name or
 * an organisation, typed by a co-chair), not linked to anyone, and are left as written.
 */
export const sessionsPersonalData: PersonalData = {
  async export(ctx, person) {
    const created: unknown[] = [];
    for (const g of person.groups) created.push(...(await mine(ctx.tables.table('sessions'), toKey(g.tenantId, g.teamId), person.aadObjectId)).map(exported));
    return { sessionsCreated: created };
  },

  async erase(ctx, person) {
    let n = 0;
    const table = ctx.tables.table('sessions');
    for (const g of person.groups) {
      for (const r of await mine(table, toKey(g.tenantId, g.teamId), person.aadObjectId)) {
        n += Number(await rewrite(table, r.partitionKey, r.rowKey, (now) => (String(now.createdBy).toLowerCase() === person.aadObjectId ? { replace: { ...body(now), createdBy: FORMER_MEMBER } } : undefined)));
      }
    }
    return { counts: { sessionsCreatorRemoved: n } };
  },
};

async function mine(table: Parameters<typeof scan>[0], pk: string, aad: string) {
  return (await scan(table, odata`PartitionKey eq ${pk}`)).filter((r) => String(r.createdBy).toLowerCase() === aad);
}
