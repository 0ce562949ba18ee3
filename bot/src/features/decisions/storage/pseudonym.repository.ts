import { randomUUID } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import type { PseudonymStore } from '../domain/ports';
import type { GroupRef } from '../../../kernel/identity';
import { toKey } from '../../../platform/storage/keys';
import { getOrUndefined, guard } from '../../../platform/storage/storage-errors';
import { groupPartition } from './decision.entities';

interface PersonRow {
  partitionKey: string;
  rowKey: string;
  pseudonym?: string;
  aadObjectId?: string;
}

/**
 * Random pseudonyms (not hashes of object ids, which anyone could recompute), one per person
 * and group, in both directions. Both rows are created in one transaction, so two first
 * recordings by the same person at once settle on one pseudonym. Erasing a person = deleting
 * their two rows; the records keep an id that no longer resolves.
 */
export class TablePseudonymStore implements PseudonymStore {
  constructor(private readonly table: TableClient) {}

  async pseudonymFor(group: GroupRef, aadObjectId: string): Promise<string> {
    const pk = groupPartition(group);
    const memberKey = toKey('m', aadObjectId.toLowerCase());
    for (let attempt = 0; attempt < 3; attempt++) {
      const existing = await getOrUndefined(() => this.table.getEntity<PersonRow>(pk, memberKey));
      if (existing?.pseudonym) return existing.pseudonym;
      const pseudonym = `p-${randomUUID()}`;
      try {
        await this.table.submitTransaction([
          ['create', { partitionKey: pk, rowKey: memberKey, pseudonym }],
          ['create', { partitionKey: pk, rowKey: toKey('p', pseudonym), aadObjectId: aadObjectId.toLowerCase() }],
        ]);
        return pseudonym;
      } catch (err) {
        // Lost a race with the same person's other request: read theirs.
        if ((err as { statusCode?: number }).statusCode !== 409) await guard(() => Promise.reject(err));
      }
    }
    throw new Error('pseudonym could not be allocated');
  }

  async resolve(group: GroupRef, pseudonym: string): Promise<string | undefined> {
    const row = await getOrUndefined(() => this.table.getEntity<PersonRow>(groupPartition(group), toKey('p', pseudonym)));
    return row?.aadObjectId;
  }

  /** The person's pseudonym in the group, if they have recorded a decision there (and were not forgotten). */
  async lookup(group: GroupRef, aadObjectId: string): Promise<string | undefined> {
    const row = await getOrUndefined(() => this.table.getEntity<PersonRow>(groupPartition(group), toKey('m', aadObjectId.toLowerCase())));
    return row?.pseudonym;
  }

  /**
   * Crypto-shredding for the register: deletes both rows of the mapping in one transaction.
   * The records keep the pseudonym, which no longer resolves; no record is rewritten.
   */
  async forget(group: GroupRef, aadObjectId: string): Promise<boolean> {
    const pk = groupPartition(group);
    const memberKey = toKey('m', aadObjectId.toLowerCase());
    const row = await getOrUndefined(() => this.table.getEntity<PersonRow>(pk, memberKey));
    if (!row?.pseudonym) return false;
    const back = await getOrUndefined(() => this.table.getEntity<PersonRow>(pk, toKey('p', row.pseudonym!)));
    // Both rows are only ever created, never rewritten: deleting them needs no ETag.
    await guard(() =>
      this.table.submitTransaction([
        ['delete', { partitionKey: pk, rowKey: memberKey }],
        ...(back ? [['delete', { partitionKey: pk, rowKey: back.rowKey }] as ['delete', { partitionKey: string; rowKey: string }]] : []),
      ]),
    );
    return true;
  }
}
