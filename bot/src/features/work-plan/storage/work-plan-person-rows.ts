import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { Clock } from '../../../kernel/clock';
import type { GroupRef } from '../../../kernel/identity';
import { ANOTHER_PERSON, FORMER_MEMBER, type PersonExport, type PersonRef, type PersonRows } from '../../../kernel/person-data';
import { toKey } from '../../../platform/storage/keys';
import { body, exported, rewrite, scan, type Row } from '../../../platform/storage/person-rows';
import { fromItemEntity, historyEntity, itemEntity, type ItemEntityShape } from './action-item.entities';
import { indexActions } from './item-index';

/** History field of the entry written when an erased person's items lose their owner. */
export const OWNER_ERASED_FIELD = 'ownerErased';

/**
 * Work-plan rows about a person: items they own or created, history entries they wrote or
 * that name them as owner, their organisation row, and reminder jobs that name them.
 * Erasure: owned items become unassigned (one history entry, in the same transaction as the
 * item); creator and history authors become FORMER_MEMBER; the organisation row is deleted;
 * reminder jobs keep running for the item, naming no owner. Item text is kept as written.
 */
export class WorkPlanPersonRows implements PersonRows {
  constructor(
    private readonly items: TableClient,
    private readonly settings: TableClient,
    /** The scheduler's jobs: the work plan's reminder jobs name the item's owner. */
    private readonly jobs: TableClient,
    private readonly clock: Clock,
  ) {}

  async exportPerson(person: PersonRef): Promise<PersonExport> {
    const out = { itemsOwned: [] as unknown[], itemsCreated: [] as unknown[], history: [] as unknown[], organisation: [] as unknown[], reminderJobs: [] as unknown[] };
    for (const g of person.groups) {
      const rows = await this.find(g, person.aadObjectId);
      out.itemsOwned.push(...rows.items.filter((r) => same(r.ownerId, person)).map((r) => onlyThem(r, person)));
      out.itemsCreated.push(...rows.items.filter((r) => same(r.createdBy, person)).map((r) => onlyThem(r, person)));
      out.history.push(...rows.history.map((r) => onlyThem(r, person)));
      out.organisation.push(...rows.organisation.map(exported));
      out.reminderJobs.push(...rows.jobs.map(exported));
    }
    return out;
  }

  async erasePerson(person: PersonRef): Promise<Record<string, number>> {
    const counts = { itemsUnassigned: 0, itemsCreatorRemoved: 0, historyEntries: 0, organisation: 0, reminderJobs: 0 };
    const items = this.items;
    const at = this.clock.now().toISOString();
    for (const g of person.groups) {
      const rows = await this.find(g, person.aadObjectId);
      for (const r of rows.items) {
        let owned = false;
        let created = false;
        await rewrite(items, r.partitionKey, r.rowKey, (now) => {
          const item = fromItemEntity(now as unknown as ItemEntityShape);
          owned = same(item.ownerId, person);
          created = same(item.createdBy, person);
          if (!owned && !created) return undefined;
          const { ownerId: _o, ...rest } = item;
          const next = { ...(owned ? rest : item), createdBy: created ? FORMER_MEMBER : item.createdBy, revision: item.revision + (owned ? 1 : 0), updatedAt: owned ? at : item.updatedAt };
          const deletedAt = typeof now.deletedAt === 'string' ? now.deletedAt : undefined;
          // The index's copies of the item change with it (a deleted item has none).
          const actions: TransactionAction[] = [['update', itemEntity(next, deletedAt), 'Replace', { etag: now.etag }], ...(deletedAt ? [] : indexActions(item, next))];
          if (owned) actions.push(['create', historyEntity(g, { number: item.number, revision: next.revision, at, by: '', byName: '', field: OWNER_ERASED_FIELD })]);
          return { actions };
        });
        counts.itemsUnassigned += Number(owned);
        counts.itemsCreatorRemoved += Number(created);
      }
      for (const r of rows.history) {
        const done = await rewrite(items, r.partitionKey, r.rowKey, (now) => {
          if (!namesPerson(now, person)) return undefined;
          const next = body(now);
          if (same(now.by, person)) Object.assign(next, { by: FORMER_MEMBER, byName: '' });
          for (const k of ['from', 'to'] as const) if (now.field === 'ownerId' && same(now[k], person)) next[k] = FORMER_MEMBER;
          return { replace: next };
        });
        counts.historyEntries += Number(done);
      }
      for (const r of rows.organisation) counts.organisation += Number(await rewrite(this.settings, r.partitionKey, r.rowKey, () => ({ delete: true })));
      for (const r of rows.jobs) {
        const done = await rewrite(this.jobs, r.partitionKey, r.rowKey, (now) => {
          const payload = payloadOf(now);
          if (!same(payload.owner, person)) return undefined;
          return { replace: { ...body(now), payload: JSON.stringify({ ...payload, owner: '' }) } };
        });
        counts.reminderJobs += Number(done);
      }
    }
    return counts;
  }

  private async find(g: GroupRef, aad: string) {
    const pk = toKey(g.tenantId, g.teamId);
    const person = { aadObjectId: aad };
    const items = (await scan(this.items, odata`PartitionKey eq ${pk} and RowKey ge ${'item|'} and RowKey lt ${'item}'}`)).filter((r) => same(r.ownerId, person) || same(r.createdBy, person));
    const history = (await scan(this.items, odata`PartitionKey eq ${pk} and RowKey ge ${'hist|'} and RowKey lt ${'hist}'}`)).filter((r) => namesPerson(r, person));
    const organisation = await scan(this.settings, odata`PartitionKey eq ${pk} and RowKey eq ${toKey('member', aad)}`);
    const jobs = (await scan(this.jobs, odata`PartitionKey eq ${pk}`)).filter((r) => same(payloadOf(r).owner, person));
    return { items, history, organisation, jobs };
  }
}

/** The row as exported, with everyone but the person replaced by ANOTHER_PERSON. */
function onlyThem(r: Row, person: Pick<PersonRef, 'aadObjectId'>): Record<string, unknown> {
  const out = exported(r);
  const other = (k: string) => typeof out[k] === 'string' && out[k] !== '' && !same(out[k], person) && out[k] !== FORMER_MEMBER;
  for (const k of ['ownerId', 'createdBy']) if (other(k)) out[k] = ANOTHER_PERSON;
  if (other('by')) Object.assign(out, { by: ANOTHER_PERSON, byName: '' });
  if (out.field === 'ownerId') for (const k of ['from', 'to']) if (other(k)) out[k] = ANOTHER_PERSON;
  return out;
}

function namesPerson(r: Row, person: { aadObjectId: string }): boolean {
  return same(r.by, person) || (r.field === 'ownerId' && (same(r.from, person) || same(r.to, person)));
}

function payloadOf(r: Row): Record<string, unknown> {
  try {
    const p = JSON.parse(String(r.payload ?? '{}')) as unknown;
    return p && typeof p === 'object' ? (p as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function same(value: unknown, person: Pick<PersonRef, 'aadObjectId'>): boolean {
  return typeof value === 'string' && value.toLowerCase() === person.aadObjectId;
}
