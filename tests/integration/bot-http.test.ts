import { openTables } from '../../bot/src/features/storage';
import { createRepositories } from '../../bot/src/platform/storage/repositories';
import type { Repositories } from '../../bot/src/kernel/ports';
import { loadActivity, TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { cardsIn, startBotHarness, textsIn, type BotHarness } from '../support/bot-harness';
import { testStorageConnection } from '../support/storage';
import en from '../../bot/src/features/core/locales/en.json';
import fr from '../../bot/src/features/core/locales/fr.json';
import frDecisions from '../../bot/src/features/decisions/locales/fr.json';
import enWorkPlan from '../../bot/src/features/work-plan/locales/en.json';
import frWorkPlan from '../../bot/src/features/work-plan/locales/fr.json';

const group = { tenantId: TENANT_ID, teamId: TEAM.id };

describe('the bot over HTTP, as Teams calls it', () => {
  let h: BotHarness;
  let repos: Repositories;

  beforeAll(async () => {
    h = await startBotHarness();
    repos = createRepositories(openTables({ kind: 'connection-string', connectionString: testStorageConnection() }, h.service.tablePrefix));
  });
  afterAll(() => h.stop());
  beforeEach(() => h.connector.clear());

  describe('installation', () => {
    it('stores the group, its channel reference and roster, and welcomes the channel once', async () => {
      expect((await h.send('bot-added-to-team')).status).toBe(200);
      expect((await h.send('installation-update-add-team')).status).toBe(200);

      const stored = await repos.groups.get(group);
      expect(stored?.value).toMatchObject({ name: TEAM.name, active: true, channelConversationId: TEAM.selectedChannel.id });
      const ref = await repos.conversations.get(TENANT_ID, TEAM.selectedChannel.id);
      expect(ref).toMatchObject({ kind: 'channel', active: true, teamId: TEAM.id });
      expect(ref?.reference).toMatchObject({ conversation: { id: TEAM.selectedChannel.id }, serviceUrl: h.connector.url });
      const members = await repos.members.list(group);
      expect(members.map((m) => m.name).sort()).toEqual(['Amina Diallo', 'Lars Eriksen', 'Sofia Marquez']);

      const welcomes = cardsIn(h.connector.activities()).filter((c) => c.includes(en.welcome.title));
      expect(welcomes).toHaveLength(1);
      const post = h.connector.requests.find((r) => r.body && JSON.stringify(r.body).includes(en.welcome.title));
      expect(post?.conversationId).toBe(TEAM.selectedChannel.id);
    });

    it('registers a team it has no record of from a channel message (Teams only delivers those when installed)', async () => {
      const team = { id: '19:lostinstall@thread.tacv2', name: 'Lost Install' };
      h.connector.setTeam({ id: team.id, name: 'Lost Install', aadGroupId: '9b5e0a2c-4d6f-4b1e-8a7c-a2b3c4d5e6f7' });
      const kenji = { id: '29:1kenji', aadObjectId: '3a9e4f6b-8d0c-4b5e-9f2a-4c5d6e7f8091', name: 'Kenji Sato' };
      h.connector.setMembers(team.id, [{ ...kenji, tenantId: TENANT_ID }]);
      await h.send('channel-message-mention', { from: kenji, text: 'help', team });
      const stored = await repos.groups.get({ tenantId: TENANT_ID, teamId: team.id });
      expect(stored?.value).toMatchObject({ name: 'Lost Install', active: true, channelConversationId: team.id });
      expect(cardsIn(h.connector.activities()).join()).toContain(en.help.memberNote);
      expect(cardsIn(h.connector.activities()).join()).not.toContain(en.welcome.title);
    });

    it('records a member who joins later', async () => {
      await h.send('member-added-to-team', { member: { id: '29:1newcomer', aadObjectId: '6e3c8d0f-2b4a-4f9c-8d6e-8091a2b3c4d5', name: 'New Comer' } });
      expect((await repos.members.get(group, '6e3c8d0f-2b4a-4f9c-8d6e-8091a2b3c4d5'))?.value.active).toBe(true);
    });
  });

  describe('help', () => {
    it('answers help in personal chat with a typing indicator first and a help card', async () => {
      const res = await h.send('personal-message', { from: 'sofia', text: 'help' });
      expect(res.status).toBe(200);
      const sent = h.connector.activities() as { type?: string }[];
      expect(sent[0]?.type).toBe('typing');
      const cards = cardsIn(sent);
      expect(cards).toHaveLength(1);
      expect(cards[0]).toContain(en.help.title);
      expect(cards[0]).toContain(en.help.memberNote);
      expect(cards[0]).not.toContain('cochair add');
      expect(await repos.conversations.get(TENANT_ID, USERS.sofia.personalConversationId)).toMatchObject({ kind: 'personal', aadObjectId: USERS.sofia.aadObjectId });
    });

    it('strips the @mention in a channel and shows co-chairs their commands', async () => {
      await h.send('channel-message-mention', { from: 'amina', text: 'help' });
      const cards = cardsIn(h.connector.activities());
      expect(cards).toHaveLength(1);
      expect(cards[0]).toContain('cochair add');
      expect(cards[0]).toContain(en.help.coChairNote);
    });

    it('answers in French when the client is French', async () => {
      await h.send('personal-message', { from: 'sofia', text: 'aide', locale: 'fr-FR' });
      expect(cardsIn(h.connector.activities())[0]).toContain(fr.help.title);
    });

    it('answers in the language of the command word, whatever the client language', async () => {
      await h.send('personal-message', { from: 'sofia', text: 'aide', locale: 'en-US' });
      expect(cardsIn(h.connector.activities())[0]).toContain(fr.help.title);
      h.connector.clear();
      await h.send('personal-message', { from: 'sofia', text: 'help', locale: 'fr-FR' });
      expect(cardsIn(h.connector.activities())[0]).toContain(en.help.title);
      h.connector.clear();
      // A word both languages share answers in the client's language.
      await h.send('personal-message', { from: 'sofia', text: '?', locale: 'fr-FR' });
      expect(cardsIn(h.connector.activities())[0]).toContain(fr.help.title);
      h.connector.clear();
      // A refusal, too: `décision` without a reference explains itself in French.
      await h.send('personal-message', { from: 'sofia', text: 'décision', locale: 'en-US' });
      expect(textsIn(h.connector.activities())).toContain(frDecisions.decisions.errors.showUsage);
    });

    it("keeps answering in a card's language when its buttons are pressed, whatever the client language", async () => {
      h.connector.clear();
      await h.send('personal-message', { from: 'amina', text: 'nouvelle action', locale: 'en-US' });
      const form = JSON.parse(cardsIn(h.connector.activities())[0]!) as Record<string, unknown>;
      expect(JSON.stringify(form)).toContain(frWorkPlan.workPlan.form.heading);
      const actions: { verb: string; data: Record<string, unknown> }[] = [];
      const visit = (n: unknown): void => {
        if (Array.isArray(n)) return n.forEach(visit);
        if (!n || typeof n !== 'object') return;
        const o = n as Record<string, unknown>;
        if (o.type === 'Action.Execute') actions.push({ verb: String(o.verb), data: (o.data ?? {}) as Record<string, unknown> });
        Object.values(o).forEach(visit);
      };
      visit(form);
      const create = actions.find((a) => a.verb === 'workplan.item.create')!;
      expect(create.data.lang).toBe('fr');
      // Teams merges the inputs into the button's data; the client still says en-US.
      const res = await h.send('invoke-adaptive-card-action', { from: 'amina', locale: 'en-US', cardAction: { verb: create.verb, data: { ...create.data, title: 'Rotation des clés VPN' } } });
      const card = JSON.stringify((res.body as { value: unknown }).value);
      expect(card).toContain('Rotation des clés VPN');
      expect(card).toContain(frWorkPlan.workPlan.item.save);
      expect(card).not.toContain(enWorkPlan.workPlan.item.save);
      // A language Quorum does not speak, or not a string, is forged data: refused like any other.
      for (const lang of ['xx', { toString: 'fr' }, 42]) {
        const forged = await h.send('invoke-adaptive-card-action', { from: 'amina', cardAction: { verb: create.verb, data: { ...create.data, lang, title: 'Forged' } } });
        expect(forged.status).toBe(400);
      }
    });

    it('gives unknown text a short hint', async () => {
      await h.send('personal-message', { from: 'sofia', text: 'what can you do for me?' });
      expect(textsIn(h.connector.activities())).toContain(en.unknown);
    });

    it('explains how to get started to someone in no group', async () => {
      await h.send('personal-message', { from: { id: '29:1stranger', aadObjectId: '7f4d9e1a-3c5b-4a0d-9e7f-91a2b3c4d5e6', name: 'Stranger' }, text: 'help' });
      expect(cardsIn(h.connector.activities())[0]).toContain(en.help.noGroupNote);
    });
  });

  describe('co-chairs', () => {
    const execute = (from: 'amina' | 'lars' | 'sofia', verb: string, data: Record<string, unknown>) => h.send('invoke-adaptive-card-action', { from, cardAction: { verb, data } });

    it('lets a co-chair make a member co-chair from the card, and says so on the card', async () => {
      const res = await execute('amina', 'cochair.add', { teamId: TEAM.id, aadObjectId: USERS.lars.aadObjectId });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
      expect(JSON.stringify(res.body)).toContain('Lars Eriksen is now a co-chair.');
      expect((await repos.members.get(group, USERS.lars.aadObjectId))?.value.role).toBe('co-chair');
    });

    it('refuses a member, on the server, whatever the card showed', async () => {
      const res = await execute('sofia', 'cochair.add', { teamId: TEAM.id, aadObjectId: USERS.sofia.aadObjectId });
      expect(res.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: en.errors.forbidden });
      expect((await repos.members.get(group, USERS.sofia.aadObjectId))?.value.role).toBe('member');
    });

    it('will not remove a co-chair set in configuration', async () => {
      const res = await execute('lars', 'cochair.remove', { teamId: TEAM.id, aadObjectId: USERS.amina.aadObjectId });
      expect(JSON.stringify(res.body)).toContain(en.errors.reasons['configured-co-chair']);
    });

    it.each([
      ['an extra field', { teamId: TEAM.id, aadObjectId: USERS.sofia.aadObjectId, role: 'co-chair' }],
      ['a malformed object id', { teamId: TEAM.id, aadObjectId: "x' or 1 eq 1" }],
      ['no team', { aadObjectId: USERS.sofia.aadObjectId }],
    ])('rejects a payload with %s and changes nothing', async (_what, data) => {
      const res = await execute('amina', 'cochair.add', data);
      expect(res.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
      expect(JSON.stringify(res.body)).toContain(en.errors.validation.split(':')[0]);
      expect((await repos.members.get(group, USERS.sofia.aadObjectId))?.value.role).toBe('member');
    });

    it('refuses a card that names another team than the one it acts in', async () => {
      const res = await execute('amina', 'cochair.add', { teamId: '19:other@thread.tacv2', aadObjectId: USERS.sofia.aadObjectId });
      expect(res.body).toMatchObject({ value: en.errors.forbidden });
    });

    it('answers 400 to an unknown verb or a malformed envelope', async () => {
      expect((await execute('amina', 'nope.verb', {})).body).toMatchObject({ statusCode: 400, value: { code: 'UnknownVerb' } });
      const res = await h.send('invoke-adaptive-card-action', { value: { action: 'not-an-object' } });
      expect(res.body).toMatchObject({ statusCode: 400, value: { code: 'InvalidActionPayload' } });
    });

    it('promotes and demotes by @mention in the channel', async () => {
      // rawText keeps the fixture's entities: add Sofia's mention the way Teams sends it.
      const activity = loadActivity('channel-message-mention', { serviceUrl: h.connector.url, from: 'amina', rawText: '<at>Quorum</at> cochair add <at>Sofia Marquez</at>' });
      (activity.entities as unknown[]).push({ type: 'mention', text: '<at>Sofia Marquez</at>', mentioned: { id: USERS.sofia.id, name: 'Sofia Marquez' } });
      await h.service.post(activity);
      expect(cardsIn(h.connector.activities()).join()).toContain('Sofia Marquez is now a co-chair.');
      expect((await repos.members.get(group, USERS.sofia.aadObjectId))?.value.role).toBe('co-chair');

      activity.text = '<at>Quorum</at> cochair remove <at>Sofia Marquez</at>';
      await h.service.post({ ...activity, id: 'again' });
      expect((await repos.members.get(group, USERS.sofia.aadObjectId))?.value.role).toBe('member');
    });

    it('asks for a mention when there is none', async () => {
      await h.send('channel-message-mention', { from: 'amina', text: 'cochair add Sofia' });
      expect(textsIn(h.connector.activities())).toContain(en.errors.reasons['mention-needed']);
    });

    it('refuses a mention of someone Teams does not know in the team, changing no role', async () => {
      const activity = loadActivity('channel-message-mention', { serviceUrl: h.connector.url, from: 'amina', rawText: '<at>Quorum</at> cochair add <at>Stranger</at>' });
      (activity.entities as unknown[]).push({ type: 'mention', text: '<at>Stranger</at>', mentioned: { id: '29:not-in-this-team', name: 'Stranger' } });
      const coChairs = async () => (await repos.members.list(group)).filter((m) => m.role === 'co-chair').map((m) => m.aadObjectId);
      const before = await coChairs();
      h.connector.clear();
      await h.service.post(activity);
      expect(textsIn(h.connector.activities())).toContain(en.errors['not-found'].replace('{{what}}', en.things.member));
      expect(await coChairs()).toEqual(before);
    });
  });

  describe('failures', () => {
    it('tells the user something went wrong with a reference that is in the log', async () => {
      h.connector.failNext({ status: 403, match: (r) => (r.body as { type?: string } | undefined)?.type === 'typing' });
      await h.send('personal-message', { from: 'sofia', text: 'help' });
      const text = textsIn(h.connector.activities()).find((t) => t.startsWith(en.errors.internal.split('{{')[0]!.slice(0, 20)));
      expect(text).toBeDefined();
      const ref = /([0-9a-f]{8})$/.exec(text!)?.[1];
      expect(ref).toBeDefined();
      expect(h.service.logs.records().some((r) => r.ref === ref && r.level === 50)).toBe(true);
    });
  });

  describe('removal', () => {
    it('marks the group inactive when the bot is removed, and active again on re-install', async () => {
      await h.send('bot-removed-from-team');
      expect((await repos.groups.get(group))?.value.active).toBe(false);
      expect((await repos.conversations.get(TENANT_ID, TEAM.selectedChannel.id))?.active).toBe(false);
      await h.send('bot-added-to-team');
      expect((await repos.groups.get(group))?.value.active).toBe(true);
    });

    it('marks the group inactive when the team is deleted', async () => {
      await h.send('team-deleted');
      expect((await repos.groups.get(group))?.value.active).toBe(false);
    });
  });
});
