import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DECISION_TABLES, groupPartition, recordRowKey } from '../../bot/src/features/decisions/storage/decision.entities';
import en from '../../bot/src/features/decisions/locales/en.json';
import { TEAM, TENANT_ID } from '../fixtures/activities';
import { cardsIn, startBotHarness, type BotHarness } from '../support/bot-harness';
import { runCli } from '../support/cli';
import { testStorageConnection } from '../support/storage';
import { devIdentity, tabApi, type Who } from '../support/tab';

jest.setTimeout(60_000);

interface Posted {
  decision: { ref: string; seq: number; hash: string };
}

/** Heads kept outside storage: the channel card of every decision, and the co-chairs' checkpoint file (real HTTP, real service). */
describe('decisions: the chain head leaves storage (channel cards, checkpoint download)', () => {
  let h: BotHarness;
  const api = tabApi(() => h.service.url);
  const download = (who: Who) => fetch(`${h.service.url}/api/tab/decisions/checkpoint`, { headers: { 'x-quorum-dev-user': devIdentity(who), 'x-quorum-team': TEAM.id } });

  beforeAll(async () => {
    h = await startBotHarness();
    await h.send('bot-added-to-team');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('posts every decision with its position and the chain head: short in view, in full in the hidden details', async () => {
    h.connector.clear();
    const first = await api<Posted>('amina', 'POST', 'decisions', { title: 'Budget', text: 'Approved.' });
    const second = await api<Posted>('amina', 'POST', 'decisions', { title: 'Charter', text: 'Adopted.' });
    expect([first.status, second.status]).toEqual([201, 201]);
    const { seq, hash } = second.json.decision;
    expect(seq).toBe(2);

    const card = JSON.parse(cardsIn(h.connector.activities()).at(-1)!) as { body: unknown[]; actions: { type: string; targetElements?: string[] }[] };
    const text = JSON.stringify(card);
    expect(text).toContain(en.decisions.anchor.short.replace('{{seq}}', '2').replace('{{short}}', hash.slice(0, 16)));
    const details = card.body.find((e) => (e as { id?: string }).id === 'chainDetails') as { isVisible: boolean };
    expect(details.isVisible).toBe(false);
    expect(JSON.stringify(details)).toContain(`--expect 2:${hash}`);
    expect(card.actions.some((a) => a.type === 'Action.ToggleVisibility' && a.targetElements?.includes('chainDetails'))).toBe(true);
  });

  it('lets co-chairs, not members, download a checkpoint the command-line verifier accepts, and refuses one of a broken register', async () => {
    expect((await download('sofia')).status).toBe(403);

    const res = await download('amina');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="decisions-checkpoint-\d{4}-\d{2}-\d{2}-2\.json"$/);
    const body = await res.text();
    const checkpoint = JSON.parse(body) as { format: string; tenantId: string; teamId: string; seq: number; head: string; generatedAt: string; records: { seq: number; ref: string; hash: string }[] };
    const listed = await api<{ items: { seq: number; hash: string }[] }>('sofia', 'GET', 'decisions');
    const two = listed.json.items.find((d) => d.seq === 2)!;
    expect(checkpoint).toMatchObject({ format: 'quorum-decision-checkpoint/1', tenantId: TENANT_ID, teamId: TEAM.id, seq: 2, head: two.hash });
    expect(checkpoint.records.map((r) => [r.seq, r.ref])).toEqual([
      [1, 'D-' + checkpoint.generatedAt.slice(0, 4) + '-001'],
      [2, 'D-' + checkpoint.generatedAt.slice(0, 4) + '-002'],
    ]);
    expect(Date.parse(checkpoint.generatedAt)).not.toBeNaN();

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-checkpoint-')), 'checkpoint.json');
    fs.writeFileSync(file, body);
    const env = { STORAGE_CONNECTION_STRING: testStorageConnection(), STORAGE_TABLE_PREFIX: h.service.tablePrefix };
    const run = await runCli('bot/src/cli/verify-decisions.ts', ['--checkpoint', file], env, 25_000);
    expect(run.stdout).toContain('2 decisions, chain intact');
    expect(run.code).toBe(0);

    const table = h.service.tables.table(DECISION_TABLES.chain);
    await table.updateEntity({ partitionKey: groupPartition({ tenantId: TENANT_ID, teamId: TEAM.id }), rowKey: recordRowKey(1), text: 'Rejected.' }, 'Merge');
    const refused = await download('amina');
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(en.decisions.checkpoint.broken);
  });
});
