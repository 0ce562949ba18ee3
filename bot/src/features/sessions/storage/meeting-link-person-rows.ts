import { odata, type TableClient } from '@azure/data-tables';
import { FORMER_MEMBER, type PersonExport, type PersonRef, type PersonRows } from '../../../kernel/person-data';
import { body, exported, rewrite, scan } from '../../../platform/storage/person-rows';
import { CHAT_ROW } from './meeting-link.store';

/**
 * The meeting links a person made (`session link <id>`, the link's `linkedBy`), for the
 * meetings feature's export and erasure: erasure makes the linker FORMER_MEMBER and the link
 * goes on working. The index rows of sessions' online links name nobody.
 */
export class MeetingLinkPersonRows implements PersonRows {
  constructor(private readonly table: TableClient) {}

  async exportPerson(person: PersonRef): Promise<PersonExport> {
    return { meetingLinksMade: (await this.linksBy(person)).map(exported) };
  }

  async erasePerson(person: PersonRef): Promise<Record<string, number>> {
    let n = 0;
    for (const r of await this.linksBy(person)) {
      // Under the ETag read: a co-chair relinking meanwhile wins, and names themselves.
      n += Number(await rewrite(this.table, r.partitionKey, r.rowKey, (now) => (same(now.linkedBy, person) ? { replace: { ...body(now), linkedBy: FORMER_MEMBER } } : undefined)));
    }
    return { meetingLinksLinkerRemoved: n };
  }

  /** The explicit links the person made, in the person's groups of their tenant (one partition per meeting, so a filtered scan). */
  private async linksBy(person: PersonRef) {
    const teams = new Set(person.groups.map((g) => `${g.tenantId}|${g.teamId}`));
    const rows = await scan(this.table, odata`RowKey eq ${CHAT_ROW} and tenantId eq ${person.tenantId}`);
    return rows.filter((r) => teams.has(`${String(r.tenantId)}|${String(r.teamId)}`) && same(r.linkedBy, person));
  }
}

function same(value: unknown, person: Pick<PersonRef, 'aadObjectId'>): boolean {
  return typeof value === 'string' && value.toLowerCase() === person.aadObjectId;
}
