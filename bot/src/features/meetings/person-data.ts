import { odata } from '@azure/data-tables';
import { FORMER_MEMBER, type PersonRef } from '../../kernel/person-data';
import { body, exported, rewrite, scan } from '../../platform/storage/person-rows';
import { CHAT_ROW, MEETING_LINKS_TABLE } from '../sessions/storage/meeting-link.store';
import type { FeatureContext, PersonalData } from '../../platform/teams/feature';

/**
 * The meetings feature names a person only as the co-chair who linked a meeting chat to a
 * session (`session link <id>`, the link's `linkedBy`); erasure makes that FORMER_MEMBER and
 * the link goes on working. The index rows of sessions' online links and the post markers
 * (meeting id, session id, state) name nobody. The meeting chat's stored conversation
 * reference, whose `user` is whoever's message or event stored it, is the core's (it owns the
 * conversations table) and is erased there like a channel's.
 */
export const meetingsPersonalData: PersonalData = {
  async export(ctx, person) {
    return { meetingLinksMade: (await linksBy(ctx, person)).map(exported) };
  },

  async erase(ctx, person) {
    const table = ctx.tables.table(MEETING_LINKS_TABLE);
    let n = 0;
    for (const r of await linksBy(ctx, person)) {
      // Under the ETag read: a co-chair relinking meanwhile wins, and names themselves.
      n += Number(await rewrite(table, r.partitionKey, r.rowKey, (now) => (same(now.linkedBy, person) ? { replace: { ...body(now), linkedBy: FORMER_MEMBER } } : undefined)));
    }
    return { counts: { meetingLinksLinkerRemoved: n } };
  },
};

/** The explicit links the person made, in the person's groups of their tenant (one partition per meeting, so a filtered scan). */
async function linksBy(ctx: FeatureContext, person: PersonRef) {
  const teams = new Set(person.groups.map((g) => `${g.tenantId}|${g.teamId}`));
  const rows = await scan(ctx.tables.table(MEETING_LINKS_TABLE), odata`RowKey eq ${CHAT_ROW} and tenantId eq ${person.tenantId}`);
  return rows.filter((r) => teams.has(`${String(r.tenantId)}|${String(r.teamId)}`) && same(r.linkedBy, person));
}

function same(value: unknown, person: Pick<PersonRef, 'aadObjectId'>): boolean {
  return typeof value === 'string' && value.toLowerCase() === person.aadObjectId;
}
