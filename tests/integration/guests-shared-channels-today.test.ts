import { openTables } from '../../bot/src/features/storage';
import { createRepositories } from '../../bot/src/platform/storage/repositories';
import type { Repositories } from '../../bot/src/kernel/ports';
import { startEntraSso, type EntraSso } from '../fakes/entra-sso';
import { BOT_NAME, loadActivity, loadRoster, OUTSIDERS, SHARED_CHANNEL, TEAM, TENANT_ID, USERS, type JsonObject } from '../fixtures/activities';
import { cardsIn, startBotHarness, textsIn, type BotHarness } from '../support/bot-harness';
import { testStorageConnection } from '../support/storage';
import en from '../../bot/src/features/core/locales/en.json';

jest.setTimeout(60_000);

/**
 * Characterisation for issue #18: what today's service does with a guest of the host tenant and
 * with external members of a shared channel, as the fixtures in tests/fixtures/teams/ show them
 * (sources in SOURCES.md, facts in docs/guests-and-shared-channels.md). Each case asserts the
 * behaviour as it is now; its comment says what #18 is to change. ALLOWED_TENANT_IDS names the
 * host tenant only, as deploy.md tells an administrator to set it today.
 */
const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const notAMember = en.errors['not-a-member'];

async function started(env: Record<string, string> = {}): Promise<{ h: BotHarness; repos: Repositories }> {
  const h = await startBotHarness({ ALLOWED_TENANT_IDS: TENANT_ID, ...env });
  // The team's roster carries the guest; the shared channel's carries its external members.
  h.connector.setMembers(TEAM.id, loadRoster('roster-with-guest').members);
  h.connector.setMembers(SHARED_CHANNEL.id, loadRoster('roster-shared-channel').members);
  expect((await h.send('bot-added-to-team')).status).toBe(200);
  const repos = createRepositories(openTables({ kind: 'connection-string', connectionString: testStorageConnection() }, h.service.tablePrefix));
  return { h, repos };
}

describe('a guest of the host tenant, today', () => {
  let h: BotHarness;
  let repos: Repositories;
  beforeAll(async () => ({ h, repos } = await started()));
  afterAll(() => h.stop());
  beforeEach(() => h.connector.clear());

  it('is stored from the roster like anyone else: no guest flag, no home organisation', async () => {
    const stored = await repos.members.get(group, OUTSIDERS.kwame.aadObjectId);
    expect(stored?.value).toMatchObject({ name: OUTSIDERS.kwame.name, role: 'member', active: true, userId: OUTSIDERS.kwame.id });
    // #18: the organisation is derived from the `#EXT#` principal name / e-mail domain
    // (fabrikam.onmicrosoft.com) and shown to co-chairs to confirm; today nothing is derived.
    expect(stored?.value.organisation).toBeUndefined();
    expect(JSON.stringify(stored?.value)).not.toMatch(/fabrikam|#EXT#|guest/i);
  });

  it('is answered in personal chat as a member', async () => {
    const res = await h.send('guest-personal-message');
    expect(res.status).toBe(200);
    // #18 keeps this: everything a member can do works for a guest.
    expect(cardsIn(h.connector.activities()).join()).toContain(en.help.memberNote);
    expect(h.connector.requests.every((r) => r.conversationId === undefined || r.conversationId === OUTSIDERS.kwame.personalConversationId)).toBe(true);
  });

  it('may use a card action that needs membership', async () => {
    const res = await h.send('guest-invoke-adaptive-card-action', { cardAction: { verb: 'cochairs.show', data: { teamId: TEAM.id } } });
    expect(res.status).toBe(200);
    // #18 keeps this; the co-chairs card will also show each person's organisation entity.
    expect(JSON.stringify(res.body)).toContain(`Co-chairs of ${TEAM.name}`);
  });

  it('gets the plain 400 for a verb the app does not have, as anyone does', async () => {
    const res = await h.send('guest-invoke-adaptive-card-action');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });
});

describe('an external member of a shared channel, today', () => {
  let h: BotHarness;
  let repos: Repositories;
  beforeAll(async () => ({ h, repos } = await started()));
  afterAll(() => h.stop());
  beforeEach(() => h.connector.clear());

  it('is not in the group: install read the team roster, which has no external members', async () => {
    expect(await repos.members.get(group, OUTSIDERS.yuki.aadObjectId)).toBeUndefined();
    expect(await repos.members.get(group, OUTSIDERS.olena.aadObjectId)).toBeUndefined();
    // #18: the shared channel's own roster (GET /v3/conversations/{channel}/pagedmembers) is read too.
  });

  it('gets the help card in the shared channel, which tells them they are a member (they are not)', async () => {
    const res = await h.send('shared-channel-message-mention');
    expect(res.status).toBe(200);
    // The card's role note comes from the team the channel belongs to and the caller not being a
    // co-chair; membership is never checked for help. #18: an external member of the group's
    // shared channel is a member (home tenant + object id), so the note becomes true.
    expect(cardsIn(h.connector.activities()).join()).toContain(en.help.memberNote);
    expect(h.connector.requests.filter((r) => r.route === 'replyToActivity' || r.route === 'sendToConversation').every((r) => r.conversationId?.startsWith(SHARED_CHANNEL.id))).toBe(true);
  });

  it('is refused a member command with a plain answer', async () => {
    expect((await h.send('shared-channel-message-mention', { text: 'items' })).status).toBe(200);
    // #18: answered as for any member (their items, @mentioned in reminders).
    expect(textsIn(h.connector.activities())).toEqual([notAMember]);
  });

  it('is refused a card action that needs membership, as a message in a 200', async () => {
    const res = await h.send('shared-channel-invoke-adaptive-card-action', { cardAction: { verb: 'cochairs.show', data: { teamId: TEAM.id } } });
    expect(res.status).toBe(200);
    // #18: the external member gets the card like any member.
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: notAMember });
  });

  it('is refused as another organisation if Teams puts their home tenant in channelData.tenant', async () => {
    // Not documented either way (see the facts document): the variant where channelData.tenant.id
    // is the sender's home tenant while conversation.tenantId stays the host's.
    const activity = loadActivity('shared-channel-message-mention', { serviceUrl: h.connector.url });
    (activity.channelData['tenant'] as JsonObject)['id'] = OUTSIDERS.yuki.homeTenantId;
    expect((await h.service.post(activity)).status).toBe(200);
    // #18: accepted when the home tenant is one an organisation of an allowed group lists and the
    // person is a member of that group's shared channel; refused otherwise (as here, for any tenant).
    expect(textsIn(h.connector.activities())).toEqual([en.tenantNotAllowed]);
  });

  it('cannot be @mentioned into a co-chair command: botbuilder looks them up in the team, where they are not', async () => {
    const mention = `<at>${OUTSIDERS.yuki.name}</at>`;
    const activity = loadActivity('shared-channel-message-mention', { serviceUrl: h.connector.url, from: 'amina', rawText: `<at>${BOT_NAME}</at> cochair add ${mention}` });
    (activity['entities'] as JsonObject[]).push({ type: 'mention', mentioned: { id: OUTSIDERS.yuki.id, name: OUTSIDERS.yuki.name }, text: mention });
    expect((await h.service.post(activity)).status).toBe(200);
    // botbuilder's getMember asks the team (channelData.team.id), not the shared channel; the 404 is
    // the stand-in connector's answer for someone not on that roster (Teams' own is not documented).
    expect(h.connector.requests.filter((r) => r.route === 'getConversationMember').map((r) => [r.conversationId, r.memberId, r.status])).toEqual([[TEAM.id, OUTSIDERS.yuki.id, 404]]);
    // #18: an external member is found in the shared channel's roster (a co-chair or focal point may be one).
    expect(textsIn(h.connector.activities())).toEqual([en.errors['not-found'].replace('{{what}}', en.things.member)]);
    expect(await repos.members.get(group, OUTSIDERS.yuki.aadObjectId)).toBeUndefined();
  });
});

describe('Quorum added to a shared channel of the team, today', () => {
  let h: BotHarness;
  let repos: Repositories;
  beforeAll(async () => ({ h, repos } = await started()));
  afterAll(() => h.stop());

  it('re-points the group at the shared channel and reads only the team roster', async () => {
    h.connector.clear();
    expect((await h.send('shared-channel-bot-added')).status).toBe(200);
    // No second welcome: the group was already installed.
    expect(cardsIn(h.connector.activities())).toEqual([]);
    // #18: adding the app to a shared channel is not a re-install; where posts go is a co-chair's
    // choice, and the channel's own roster (with its external members) is read.
    expect((await repos.groups.get(group))?.value.channelConversationId).toBe(SHARED_CHANNEL.id);
    const reads = h.connector.requests.filter((r) => r.route === 'getConversationPagedMembers').map((r) => r.conversationId);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((id) => id === TEAM.id)).toBe(true);
    expect(await repos.members.get(group, OUTSIDERS.yuki.aadObjectId)).toBeUndefined();
  });
});

describe('the tab signed in by a guest or an external member, today', () => {
  const CLIENT_ID = '6a1f3c5e-8b2d-4f7a-9c1e-3d5f7a9b1c2e';
  let sso: EntraSso;
  let h: BotHarness;
  const me = async (tid: string, oid: string, name: string) =>
    fetch(`${h.service.url}/api/tab/me`, { headers: { authorization: `Bearer ${await sso.sign({ tid, oid, aud: CLIENT_ID, name })}`, 'x-quorum-team': TEAM.id } });

  beforeAll(async () => {
    sso = await startEntraSso();
    ({ h } = await started({ TAB_SSO_CLIENT_ID: CLIENT_ID, TAB_SSO_AUTHORITY: sso.authority, TAB_SSO_JWKS_URL: sso.jwksUrl }));
  });
  afterAll(async () => {
    await h.stop();
    await sso.stop();
  });

  it('takes a guest token (issued by the host tenant, oid of the guest account) as a member', async () => {
    const res = await me(TENANT_ID, OUTSIDERS.kwame.aadObjectId, OUTSIDERS.kwame.name);
    expect(res.status).toBe(200);
    // #18 keeps this.
    expect(await res.json()).toMatchObject({ aadObjectId: OUTSIDERS.kwame.aadObjectId, role: 'member', group: { teamId: TEAM.id } });
  });

  it('refuses an external member token from their home tenant with 401', async () => {
    const res = await me(OUTSIDERS.yuki.homeTenantId, OUTSIDERS.yuki.aadObjectId, OUTSIDERS.yuki.name);
    // #18: accepted when an organisation of the group lists that tenant and the person is a member
    // of the group's shared channel; a tenant no organisation lists stays 401.
    expect(res.status).toBe(401);
    expect(JSON.stringify(await res.json())).not.toContain(OUTSIDERS.yuki.aadObjectId);
  });

  it('still answers a host member as before', async () => {
    expect((await me(TENANT_ID, USERS.sofia.aadObjectId, USERS.sofia.name)).status).toBe(200);
  });
});
