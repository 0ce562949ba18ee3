import { verifyGroupChain } from '../../bot/src/features/decisions/domain/find-decisions.use-case';
import { openTables } from '../../bot/src/features/storage';
import { TEAM, TENANT_ID } from '../fixtures/activities';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { testStorageConnection, testRepositories } from '../support/storage';
import { recordButtonData } from '../support/decision-confirm';

const group = { tenantId: TENANT_ID, teamId: TEAM.id };

describe('50 decisions recorded at the same moment, over HTTP', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness();
    await h.send('bot-added-to-team');
  });
  afterAll(() => h.stop());

  it('get consecutive, unique references and one intact chain', async () => {
    const press = (verb: string, data: Record<string, unknown>) => h.send('invoke-adaptive-card-action', { from: 'amina', cardAction: { verb, data: { teamId: TEAM.id, ...data } } });
    // Fifty forms submitted, then Record pressed on the fifty confirmations at once.
    const confirmations = await Promise.all(Array.from({ length: 50 }, (_, i) => press('decision.record', { title: `Concurrent ${i}`, text: `Decision number ${i}.` })));
    const results = await Promise.all(confirmations.map((c) => press('decision.confirm', recordButtonData(c.body)!)));
    const refs = results.map((r) => /"(D-\d{4}-\d{3})"/.exec(JSON.stringify(r.body))?.[1]);
    expect(refs.every(Boolean)).toBe(true);
    const year = new Date().getUTCFullYear();
    expect([...refs].sort()).toEqual(Array.from({ length: 50 }, (_, i) => `D-${year}-${String(i + 1).padStart(3, '0')}`));

    const store = testRepositories(openTables({ kind: 'connection-string', connectionString: testStorageConnection() }, h.service.tablePrefix)).decisions.store;
    const verification = await verifyGroupChain(store, group);
    expect(verification).toMatchObject({ ok: true, count: 50 });
    const rows = await store.rows(group);
    expect(rows.map((r) => r.content.ref)).toEqual([...refs].sort());
    // Each request's own title got its own reference: no record was lost or doubled.
    expect(new Set(rows.map((r) => r.content.title)).size).toBe(50);
  }, 60_000);
});
