import type { Group } from '../../bot/src/kernel/group';
import { verifyGroupChain } from '../../bot/src/features/decisions/domain/find-decisions.use-case';
import { KeyedSerializer } from '../../bot/src/kernel/keyed-serializer';
import { wellFormedLinksOnly } from '../../bot/src/features/decisions/domain/ports';
import { recordDecision } from '../../bot/src/features/decisions/domain/record-decision.use-case';
import { RolePolicy } from '../../bot/src/kernel/roles';
import { DECISION_TABLES, groupPartition, recordRowKey } from '../../bot/src/features/decisions/storage/decision.entities';
import { testTables, testRepositories } from '../support/storage';

const TENANT = '5f2b2c7e-7b1e-4c1a-9d7e-0a1b2c3d4e5f';
const CHAIR = { tenantId: TENANT, aadObjectId: '0d6b1c3e-5a7f-4e2b-8c9d-1f2e3a4b5c6d' };

/**
 * "Valid Unicode" = any sequence of Unicode scalar values. Lone surrogates are not scalar
 * values (the input step turns them into U+FFFD); C0 controls other than tab and line feed,
 * NUL included, and DEL are removed by the input step before anything is hashed.
 */
const TEXTS: Record<string, { given: string; kept: string }> = {
  'line separator U+2028': { given: 'first\u2028second', kept: 'first\u2028second' },
  'paragraph separator U+2029': { given: 'first\u2029second', kept: 'first\u2029second' },
  'both separators, in the title too': { given: '\u2028\u2029 a \u2029\u2028 b', kept: 'a \u2029\u2028 b' },
  'a lone combining mark': { given: '\u0301 stands alone', kept: '\u0301 stands alone' },
  'right-to-left text with bidi controls': { given: 'قرار \u202Eabc\u202C نهائي', kept: 'قرار \u202Eabc\u202C نهائي' },
  'astral-plane characters': { given: '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 𠀀 🏳️‍🌈', kept: '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 𠀀 🏳️‍🌈' },
  'NEL, noncharacters, BOM': { given: 'a\u0085b\uFFFEc\uFFFFd\uFEFFe', kept: 'a\u0085b\uFFFEc\uFFFFd\uFEFFe' },
  'NUL (removed before hashing)': { given: 'before\u0000after', kept: 'beforeafter' },
  'a lone surrogate (not Unicode: becomes U+FFFD)': { given: 'x\uD800y', kept: 'x\uFFFDy' },
};

describe('decision texts in any valid Unicode are recorded and verify (Azurite)', () => {
  it.each(Object.entries(TEXTS))('%s', async (_name, { given, kept }) => {
    const { tables, repos } = await testTables();
    await tables.ensureTables([DECISION_TABLES.chain, DECISION_TABLES.people]);
    const group: Group = { tenantId: TENANT, teamId: '19:unicode@thread.tacv2', name: 'SIG', active: true, timeZone: 'UTC', installedAt: '2026-01-01T00:00:00Z' };
    const store = testRepositories(tables).decisions.store;
    const deps = {
      store,
      people: testRepositories(tables).decisions.people,
      links: wellFormedLinksOnly,
      roles: new RolePolicy(repos.members, [{ ...CHAIR, teamId: group.teamId }]),
      clock: { now: () => new Date('2026-05-04T09:00:00Z') },
      serializer: new KeyedSerializer(),
    };
    const first = await recordDecision(deps, CHAIR, group, { title: given, text: given, rationale: given });
    const second = await recordDecision(deps, CHAIR, group, { kind: 'amendment', supersedes: first.ref, title: 'Amended', text: given });
    expect(first.text).toBe(kept);
    expect(second.prev).toBe(first.hash);

    // Stored exactly as given to the hash: a verifier reading the row sees the original text.
    const row = await tables.table(DECISION_TABLES.chain).getEntity<{ text: string }>(groupPartition(group), recordRowKey(1));
    expect(row.text).toBe(kept);
    expect(await verifyGroupChain(store, group)).toEqual({ ok: true, count: 2, head: second.hash });
  });
});
