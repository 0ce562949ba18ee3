import { USERS } from '../fixtures/activities';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { tabApi } from '../support/tab';

/**
 * The local development identity is a tenant and an object id, with no name: what the tab
 * writes under it is attributed to the name the team's roster gives that person, as a Teams
 * SSO token's `name` would be — not to "someone".
 */
describe('tab writes in local development mode', () => {
  let h: BotHarness;
  const api = tabApi(() => h.service.url);
  beforeAll(async () => {
    h = await startBotHarness();
    await h.send('bot-added-to-team');
  });
  afterAll(async () => h.stop());

  it('records an item created and edited from the tab under the roster name of the local identity', async () => {
    const created = await api<{ item: { ref: string; etag?: string } }>('sofia', 'POST', 'items', { title: 'Rotate VPN keys', priority: 'high' });
    expect(created.status).toBe(201);
    const ref = created.json.item.ref;
    const read = await api<{ etag: string }>('amina', 'GET', `items/${ref}`);
    const edited = await api('amina', 'PATCH', `items/${ref}`, { progress: 40 }, { 'if-match': read.json.etag });
    expect(edited.status).toBe(200);
    const after = await api<{ history: { field: string; byName?: string; who?: string }[] }>('amina', 'GET', `items/${ref}`);
    const names = after.json.history.map((e) => e.byName ?? e.who);
    expect(names).toEqual([USERS.sofia.name, USERS.amina.name]);
  });
});
