import { toRecord } from './domain/decision-record';
import type { DecisionsStorage } from './storage/decisions.storage';
import type { PersonalData } from '../../platform/teams/feature';

/**
 * The register names people only by a random pseudonym inside hashed, append-only records.
 * Export: the person's pseudonym per group and the records it recorded. Erasure deletes the
 * pseudonym ↔ object id mapping (crypto-shredding): every record stays byte for byte, the
 * chain still verifies, and "recorded by" shows "a former member" from then on.
 */
export function decisionsPersonalData({ people, store }: DecisionsStorage): PersonalData {
  return {
    async export(person) {
      const pseudonyms: unknown[] = [];
      const recorded: unknown[] = [];
      for (const g of person.groups) {
        const pseudonym = await people.lookup(g, person.aadObjectId);
        if (!pseudonym) continue;
        pseudonyms.push({ tenantId: g.tenantId, teamId: g.teamId, pseudonym });
        for (const row of await store.rows(g)) {
          const r = toRecord(row);
          if (r?.recordedBy === pseudonym) recorded.push({ teamId: g.teamId, ref: r.ref, kind: r.kind, title: r.title, decidedAt: r.decidedAt, recordedAt: r.recordedAt, recordedBy: r.recordedBy });
        }
      }
      return { pseudonyms, decisionsRecorded: recorded };
    },

    async erase(person) {
      let forgotten = 0;
      for (const g of person.groups) forgotten += Number(await people.forget(g, person.aadObjectId));
      return {
        counts: { pseudonymMappings: forgotten },
        notes: ['Decision records are hash-chained and never rewritten: they keep a pseudonym that no longer resolves to anyone. Their titles and texts are kept as decided.'],
      };
    },
  };
}
