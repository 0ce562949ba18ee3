import { odata } from '@azure/data-tables';
import type { PersonExport, PersonRef, PersonRows } from '../../kernel/person-data';
import type { DeliveryTable } from './delivery-log';
import { toKey } from './keys';
import { body, exported, rewrite, scan, type Row } from './person-rows';
import type { CoreTable, TableClients } from './table-client.factory';

/**
 * The core's rows about a person: their member profile and role in each group, the
 * membership index, their personal chat with the bot (its conversation reference) and the
 * delivery records of posts to it, and — when they added the bot to a team — the `user` of
 * the channel's stored reference (Teams puts the installer there; posting does not need it).
 * A meeting chat's reference (stored when a co-chair links the meeting to a session, and at
 * each meeting event) names as `user` whoever's message or event stored it: erased the same way.
 */
export class CorePersonRows implements PersonRows {
  constructor(private readonly tables: TableClients<CoreTable | DeliveryTable>) {}

  async exportPerson(person: PersonRef): Promise<PersonExport> {
    const rows = await this.find(person);
    return {
      members: rows.members.map(exported),
      memberships: rows.memberships.map(exported),
      personalConversations: rows.personal.map(exported),
      deliveriesToPersonalChats: rows.deliveries.map(exported),
      channelsInstalledBy: rows.installedBy.filter(isChannel).map(userOf),
      chatReferencesNamingThem: rows.installedBy.filter((r) => !isChannel(r)).map(userOf),
    };
  }

  async erasePerson(person: PersonRef): Promise<Record<string, number>> {
    const rows = await this.find(person);
    const del = (table: CoreTable | DeliveryTable) => async (r: Row) => Number(await rewrite(this.tables.table(table), r.partitionKey, r.rowKey, () => ({ delete: true })));
    const dropUser = async (r: Row) =>
      Number(
        await rewrite(this.tables.table('conversations'), r.partitionKey, r.rowKey, (now) => {
          const ref = referenceOf(now);
          if (!isPerson(ref.user, person)) return undefined;
          const { user: _user, ...rest } = ref;
          return { replace: { ...body(now), reference: JSON.stringify(rest) } };
        }),
      );
    const counts = {
      members: await sum(rows.members, del('members')),
      memberships: await sum(rows.memberships, del('memberships')),
      // Deliveries first: their conversation ids are found through the conversation rows.
      deliveriesToPersonalChats: await sum(rows.deliveries, del('deliveries')),
      personalConversations: await sum(rows.personal, del('conversations')),
      channelsInstalledBy: await sum(rows.installedBy.filter(isChannel), dropUser),
      chatReferencesNamingThem: await sum(
        rows.installedBy.filter((r) => !isChannel(r)),
        dropUser,
      ),
    };
    return counts;
  }

  private async find(person: PersonRef) {
    const aad = person.aadObjectId;
    const members: Row[] = [];
    for (const g of person.groups) {
      members.push(...(await scan(this.tables.table('members'), odata`PartitionKey eq ${toKey(g.tenantId, g.teamId)} and RowKey eq ${toKey(aad)}`)));
    }
    const memberships = await scan(this.tables.table('memberships'), odata`PartitionKey eq ${toKey(person.tenantId, aad)}`);
    const conversations = await scan(this.tables.table('conversations'), odata`PartitionKey eq ${toKey(person.tenantId)}`);
    const personal = conversations.filter((c) => String(c.aadObjectId ?? '').toLowerCase() === aad);
    const installedBy = conversations.filter((c) => !personal.includes(c) && isPerson(referenceOf(c).user, person));
    const deliveries: Row[] = [];
    for (const c of personal) {
      deliveries.push(...(await scan(this.tables.table('deliveries'), odata`tenantId eq ${person.tenantId} and conversationId eq ${String(c.conversationId)}`)));
    }
    return { members, memberships, personal, installedBy, deliveries };
  }
}

const isChannel = (r: Row) => r.kind === 'channel';
const userOf = (r: Row) => ({ conversationId: r.conversationId, kind: r.kind, teamId: r.teamId, user: referenceOf(r).user });

function referenceOf(row: Row): Record<string, unknown> & { user?: unknown } {
  try {
    const ref = JSON.parse(String(row.reference ?? '{}')) as unknown;
    return ref && typeof ref === 'object' ? (ref as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function isPerson(user: unknown, person: PersonRef): boolean {
  const aad = (user as { aadObjectId?: unknown } | undefined)?.aadObjectId;
  return typeof aad === 'string' && aad.toLowerCase() === person.aadObjectId;
}

async function sum<T>(items: readonly T[], each: (item: T) => Promise<number>): Promise<number> {
  let n = 0;
  for (const i of items) n += await each(i);
  return n;
}
