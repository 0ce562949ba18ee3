import type { ActionItemRepository, WorkPlanSettingsRepository } from '../../bot/src/features/work-plan/domain/ports';
import { openTables } from '../../bot/src/features/storage';
import { teamsChannelAccount, TEAM, TENANT_ID, USERS, type UserKey } from '../fixtures/activities';
import { cardsIn, startBotHarness, textsIn, type BotHarness } from '../support/bot-harness';
import { actionsOf, badInputValues, cardTexts, inputsOf, textAfterInput, untouchedValues } from '../support/card-inputs';
import { testStorageConnection, testRepositories } from '../support/storage';
import en from '../../bot/src/features/work-plan/locales/en.json';

// Real storage and HTTP: give each hook and test room on a busy machine.
jest.setTimeout(60_000);

const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const E = en.workPlan;
/** A second Sofia, so that "@Sofia" alone is ambiguous. */
const SOFIA_ROSSI = { id: '29:1sofiarossi', aadObjectId: '0c7e2d4a-5b6f-4a8e-9d1c-2e3f4a5b6c7d', name: 'Sofia Rossi', tenantId: TENANT_ID };
type Body = { statusCode?: number; type?: string; value?: unknown };

describe('work-plan forms in chat keep what was typed and say what is wrong where it is wrong', () => {
  let h: BotHarness;
  let items: ActionItemRepository;
  let settings: WorkPlanSettingsRepository;

  const execute = async (from: UserKey, verb: string, data: Record<string, unknown>) => (await h.send('invoke-adaptive-card-action', { from, cardAction: { verb, data } })).body as Body;
  const say = async (from: UserKey, text: string) => {
    h.connector.clear();
    await h.send('personal-message', { from, text });
    return { cards: cardsIn(h.connector.activities()).map((c) => JSON.parse(c) as unknown), texts: textsIn(h.connector.activities()) };
  };
  const press = (from: UserKey, card: unknown, verb: string, typed: Record<string, unknown> = {}) => {
    const action = actionsOf(card).find((a) => a.verb === verb);
    if (!action) throw new Error(`no ${verb} button on the card`);
    // As Teams does: the card's inputs go with the button unless it says associatedInputs none.
    const inputs = String(action.node.associatedInputs ?? 'auto').toLowerCase() === 'none' ? {} : { ...untouchedValues(card), ...typed };
    return execute(from, verb, { ...inputs, ...action.data });
  };

  beforeAll(async () => {
    h = await startBotHarness();
    const tables = openTables({ kind: 'connection-string', connectionString: testStorageConnection() }, h.service.tablePrefix);
    items = testRepositories(tables).workPlan.items;
    settings = testRepositories(tables).workPlan.settings;
    const roster = [...(['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u)), SOFIA_ROSSI];
    h.connector.setMembers(TEAM.id, roster);
    h.connector.setMembers(TEAM.selectedChannel.id, roster);
    await h.send('bot-added-to-team');
  });
  afterAll(() => h.stop());

  describe('the settings card', () => {
    it('refused for a bad time zone: keeps the organisations typed, and says so beside the time zone', async () => {
      const { cards } = await say('amina', 'settings');
      const before = await settings.get(group);
      const res = await press('amina', cards[0], 'workplan.settings.save', { timeZone: 'Mars/Olympus', organisations: 'ITU\nWHO\nIAEA' });
      expect(res.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(untouchedValues(res.value)).toMatchObject({ timeZone: 'Mars/Olympus', organisations: 'ITU\nWHO\nIAEA' });
      expect(textAfterInput(res.value, 'timeZone')).toContain('"Mars/Olympus" is not a time zone');
      expect(badInputValues(res.value)).toEqual([]);
      expect((await settings.get(group))?.etag).toBe(before?.etag);
    });

    it('saved: the card shows the organisations saved, in the list and in the member picker', async () => {
      const { cards } = await say('amina', 'settings');
      const res = await press('amina', cards[0], 'workplan.settings.save', { timeZone: 'Europe/Zurich', organisations: 'ITU\nWHO\nIAEA' });
      expect(cardTexts(res.value)).toContain('Settings saved.');
      expect(untouchedValues(res.value)).toMatchObject({ timeZone: 'Europe/Zurich', organisations: 'ITU\nWHO\nIAEA' });
      const picker = inputsOf(res.value).find((i) => i.id === 'memberOrganisation')!;
      expect(JSON.stringify(picker.node.choices)).toContain('IAEA');
      expect((await settings.get(group))?.value.organisations).toEqual(['ITU', 'WHO', 'IAEA']);
    });

    it("a member's organisation refused: the error is beside the picker and the settings typed above stay", async () => {
      const { cards } = await say('amina', 'settings');
      const res = await press('amina', cards[0], 'workplan.settings.member-org', { dueSoonDays: '5', memberId: USERS.lars.aadObjectId, memberOrganisation: 'UNICEF' });
      expect(textAfterInput(res.value, 'memberOrganisation')).toContain('"UNICEF" is not one of the group');
      expect(untouchedValues(res.value)).toMatchObject({ dueSoonDays: '5', memberId: USERS.lars.aadObjectId });
    });
  });

  describe('the new-item form', () => {
    it('names whoever opens it as the owner (changeable), and creates with its defaults', async () => {
      const { cards } = await say('sofia', 'new item');
      const owner = inputsOf(cards[0]).find((i) => i.id === 'owner')!;
      expect(owner.value).toBe(USERS.sofia.aadObjectId);
      expect(JSON.stringify(owner.node.choices)).toContain(E.form.noOwner);
      const res = await press('sofia', cards[0], 'workplan.item.create', { title: 'Review the firewall rules' });
      expect(cardTexts(res.value)).toContain('Sofia Marquez created');
      const created = (await items.list(group)).find((i) => i.title === 'Review the firewall rules');
      expect(created?.ownerId).toBe(USERS.sofia.aadObjectId);
      // It is in Sofia's own list.
      const { cards: mine } = await say('sofia', 'items');
      expect(cardTexts(mine[0])).toContain('Review the firewall rules');
    });

    it('refused for a past due date: keeps the title and owner, and says so beside the due date', async () => {
      const { cards } = await say('sofia', 'new item');
      const before = (await items.list(group)).length;
      const res = await press('sofia', cards[0], 'workplan.item.create', { title: 'Rotate keys', owner: USERS.lars.aadObjectId, due: '2020-01-01' });
      expect(untouchedValues(res.value)).toMatchObject({ title: 'Rotate keys', owner: USERS.lars.aadObjectId, due: '2020-01-01' });
      expect(textAfterInput(res.value, 'due')).toContain('The due date 2020-01-01 is in the past');
      expect(textAfterInput(res.value, 'title')).toBe('');
      expect((await items.list(group)).length).toBe(before);
    });
  });

  describe('the item card', () => {
    const itemNamed = async (title: string) => (await items.list(group)).find((i) => i.title === title)!;
    const open = async (from: UserKey, number: number) => (await say(from, `item A-${number}`)).cards[0];

    it('has one Save for all its fields: progress and status changed together are both kept', async () => {
      await say('sofia', 'new item Patch the mail relays');
      const item = await itemNamed('Patch the mail relays');
      const card = await open('sofia', item.number);
      const buttons = actionsOf(card).map((a) => a.verb);
      expect(buttons.filter((v) => ['workplan.item.status', 'workplan.item.progress', 'workplan.item.due', 'workplan.item.priority', 'workplan.item.note'].includes(v!))).toEqual([]);
      const res = await press('sofia', card, 'workplan.item.save', { progress: 60, status: 'blocked' });
      expect(cardTexts(res.value)).toContain('Sofia Marquez changed status, progress.');
      expect((await items.get(group, item.number))?.value).toMatchObject({ progress: 60, status: 'blocked' });
    });

    it('a field left alone on the card does not undo a change someone made meanwhile', async () => {
      const item = await itemNamed('Patch the mail relays');
      const sofias = await open('sofia', item.number);
      await press('amina', await open('amina', item.number), 'workplan.item.save', { progress: 70 });
      await press('sofia', sofias, 'workplan.item.save', { status: 'in-progress' });
      expect((await items.get(group, item.number))?.value).toMatchObject({ progress: 70, status: 'in-progress' });
    });

    it('refuses progress outside 0..100 beside the field, keeps what was typed and stores nothing', async () => {
      const item = await itemNamed('Patch the mail relays');
      const card = await open('sofia', item.number);
      // No min/max on the input: a renderer would quietly clamp 150 to 100 instead of letting us say so.
      expect(inputsOf(card).find((i) => i.id === 'progress')?.node).not.toHaveProperty('max');
      const before = await items.get(group, item.number);
      for (const progress of [150, -5]) {
        const res = await press('sofia', card, 'workplan.item.save', { progress, status: 'done' });
        expect(textAfterInput(res.value, 'progress')).toBe(E.errors.badProgress);
        expect(untouchedValues(res.value)).toMatchObject({ progress, status: 'done' });
      }
      expect((await items.get(group, item.number))?.etag).toBe(before?.etag);
    });

    it('Delete asks first; once deleted, the card says so and keeps no buttons', async () => {
      await say('amina', 'new item Retire the old VPN');
      const item = await itemNamed('Retire the old VPN');
      const ask = await press('amina', await open('amina', item.number), 'workplan.item.delete');
      expect(cardTexts(ask.value)).toContain(`Delete A-${item.number}?`);
      expect(await items.get(group, item.number)).toBeDefined();
      const cancel = await press('amina', ask.value, 'workplan.item.show');
      expect(cardTexts(cancel.value)).toContain('Retire the old VPN');
      const done = await press('amina', (await press('amina', cancel.value, 'workplan.item.delete')).value, 'workplan.item.delete.confirm');
      expect(await items.get(group, item.number)).toBeUndefined();
      expect(cardTexts(done.value)).toContain(`A-${item.number} was deleted by Amina Diallo.`);
      expect(actionsOf(done.value)).toEqual([]);
      const again = await execute('amina', 'workplan.item.delete.confirm', { teamId: TEAM.id, itemId: item.number });
      expect(actionsOf(again.value)).toEqual([]);
      expect(cardTexts(again.value)).toContain('no longer exists');
    });

    it('opened from a list: "Back to list" returns to that list, also after a save', async () => {
      const { cards } = await say('sofia', 'items');
      const item = await itemNamed('Patch the mail relays');
      const openButton = actionsOf(cards[0]).find((a) => a.verb === 'workplan.item.show' && a.data?.itemId === item.number)!;
      const card = await execute('sofia', 'workplan.item.show', openButton.data!);
      expect(actionsOf(card.value).map((a) => a.title)).toContain(E.item.backToList);
      const saved = await press('sofia', card.value, 'workplan.item.save', { progress: 80 });
      const back = await press('sofia', saved.value, 'workplan.items.page');
      expect(cardTexts(back.value)).toContain(E.list.mine);
      // Not from a list: no way "back" to offer.
      expect(actionsOf(await open('sofia', item.number)).map((a) => a.title)).not.toContain(E.item.backToList);
    });

    // Each language with its own command words: the answer comes in the language of the words typed.
    it.each([
      ['en', 'item', 'items all', 'Nobody yet', 'No due date', 'Open · 0 % · no due date · no owner'],
      ['fr', 'action', 'actions tout', "Personne pour l'instant", 'Sans échéance', 'Ouverte · 0 % · sans échéance · sans responsable'],
    ])('says empty values in words people use (%s)', async (locale, itemWord, allItems, nobody, noDue, meta) => {
      const { cards } = await say('amina', 'new item');
      if (!(await items.list(group)).some((i) => i.title === 'Book the room')) await press('amina', cards[0], 'workplan.item.create', { title: 'Book the room', owner: '' });
      const item = await itemNamed('Book the room');
      h.connector.clear();
      await h.send('personal-message', { from: 'amina', text: `${itemWord} A-${item.number}`, locale });
      const card = cardTexts(JSON.parse(cardsIn(h.connector.activities())[0]!));
      expect(card).toContain(nobody);
      expect(card).toContain(noDue);
      h.connector.clear();
      await h.send('personal-message', { from: 'amina', text: allItems, locale });
      const list = cardTexts(JSON.parse(cardsIn(h.connector.activities())[0]!));
      expect(list).toContain(meta);
    });
  });

  describe('new item with "@Name" typed in personal chat (no @mentions there)', () => {
    const created = async (title: string) => (await items.list(group)).find((i) => i.title === title);

    it('gives the item to the member named, and leaves the name out of the title', async () => {
      const { cards } = await say('lars', 'new item Patch servers @Sofia Marquez due 2027-03-01');
      expect(await created('Patch servers @Sofia Marquez')).toBeUndefined();
      expect(await created('Patch servers')).toMatchObject({ ownerId: USERS.sofia.aadObjectId, due: '2027-03-01', createdBy: USERS.lars.aadObjectId });
      expect(cardTexts(cards[0])).toContain('Sofia Marquez');
    });

    it('matches case and accents aside, and the start of a single name', async () => {
      await say('sofia', 'new item Call the vendor @LÀRS');
      expect(await created('Call the vendor')).toMatchObject({ ownerId: USERS.lars.aadObjectId });
      await say('lars', 'new item Draft the agenda @ami high');
      expect(await created('Draft the agenda')).toMatchObject({ ownerId: USERS.amina.aadObjectId, priority: 'high' });
    });

    it('asks when the name fits several members, listing them, and creates nothing', async () => {
      const before = (await items.list(group)).length;
      const { texts, cards } = await say('lars', 'new item Rotate keys @Sofia due 2027-03-01');
      expect(cards).toEqual([]);
      expect(texts.join(' ')).toContain('"@Sofia" could be Sofia Marquez or Sofia Rossi, so nothing was created.');
      expect((await items.list(group)).length).toBe(before);
    });

    it('says plainly when nobody has that name, and creates nothing', async () => {
      const before = (await items.list(group)).length;
      const { texts } = await say('lars', 'new item Rotate keys @Zoe Martin due 2027-03-01');
      expect(texts.join(' ')).toContain('No member of this group is called "Zoe Martin", so nothing was created.');
      expect((await items.list(group)).length).toBe(before);
    });

    it('leaves an e-mail address in the title alone', async () => {
      await say('lars', 'new item Write to ops@contoso.org');
      expect(await created('Write to ops@contoso.org')).toMatchObject({ ownerId: USERS.lars.aadObjectId });
    });
  });
});
