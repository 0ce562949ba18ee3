import type { ActionItemRepository, WorkPlanSettingsRepository } from '../../bot/src/features/work-plan/domain/ports';
import { openTables } from '../../bot/src/features/storage';
import { loadActivity, TEAM, TENANT_ID, USERS, type UserKey } from '../fixtures/activities';
import { cardsIn, startBotHarness, textsIn, type BotHarness } from '../support/bot-harness';
import { testStorageConnection, testRepositories } from '../support/storage';
import en from '../../bot/src/features/work-plan/locales/en.json';

// Real storage and HTTP: give each hook and test room on a busy machine (package.json sets no testTimeout).
jest.setTimeout(60_000);

const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const E = en.workPlan;
type Body = { statusCode?: number; type?: string; value?: unknown };

describe('action items over HTTP, as Teams calls the bot', () => {
  let h: BotHarness;
  let items: ActionItemRepository;
  let settings: WorkPlanSettingsRepository;

  const execute = async (from: UserKey, verb: string, data: Record<string, unknown>) => (await h.send('invoke-adaptive-card-action', { from, cardAction: { verb, data } })).body as Body;
  const cardText = (b: Body) => JSON.stringify(b.value);
  const say = async (from: UserKey, text: string) => {
    h.connector.clear();
    await h.send('channel-message-mention', { from, text });
    return { cards: cardsIn(h.connector.activities()), texts: textsIn(h.connector.activities()) };
  };
  const count = async () => (await items.list(group)).length;

  beforeAll(async () => {
    h = await startBotHarness();
    const tables = openTables({ kind: 'connection-string', connectionString: testStorageConnection() }, h.service.tablePrefix);
    items = testRepositories(tables).workPlan.items;
    settings = testRepositories(tables).workPlan.settings;
    await h.send('bot-added-to-team');
  });
  afterAll(() => h.stop());

  it('creates an item from one line, the owner taken from the @mention through Teams', async () => {
    const activity = loadActivity('channel-message-mention', {
      serviceUrl: h.connector.url,
      from: 'lars',
      rawText: '<at>Quorum</at> new item Rotate VPN keys <at>Sofia Marquez</at> due 2027-02-01 high',
    });
    (activity.entities as unknown[]).push({ type: 'mention', text: '<at>Sofia Marquez</at>', mentioned: { id: USERS.sofia.id, name: 'Sofia Marquez' } });
    h.connector.clear();
    await h.service.post(activity);
    const stored = await items.get(group, 1);
    expect(stored?.value).toMatchObject({ title: 'Rotate VPN keys', ownerId: USERS.sofia.aadObjectId, due: '2027-02-01', priority: 'high', status: 'open', createdBy: USERS.lars.aadObjectId });
    const card = cardsIn(h.connector.activities())[0]!;
    expect(card).toContain('"text":"A-1"');
    expect(card).toContain('Sofia Marquez');
    expect(card).toContain('Lars Eriksen created A-1.');
  });

  it('refuses an owner @mentioned whom Teams does not know in the team, and creates nothing', async () => {
    const activity = loadActivity('channel-message-mention', { serviceUrl: h.connector.url, from: 'lars', rawText: '<at>Quorum</at> new item Rotate VPN keys <at>Stranger</at>' });
    (activity.entities as unknown[]).push({ type: 'mention', text: '<at>Stranger</at>', mentioned: { id: '29:not-in-this-team', name: 'Stranger' } });
    const before = await count();
    h.connector.clear();
    await h.service.post(activity);
    expect(textsIn(h.connector.activities())).toContain(E.errors.unknownOwner);
    expect(await count()).toBe(before);
  });

  it("shows the form for `new item`, with the group's members to choose the owner from", async () => {
    const { cards } = await say('sofia', 'new item');
    expect(cards[0]).toContain(E.form.heading);
    expect(cards[0]).toContain(USERS.amina.aadObjectId);
    expect(cards[0]).toContain('workplan.item.create');
  });

  it('creates from the form, and keeps markup and ${...} literal', async () => {
    const title = '<b>Bold</b> ${title} **not bold** {{x}}';
    const res = await execute('sofia', 'workplan.item.create', {
      teamId: TEAM.id,
      title,
      description: '${$root.teamId}',
      owner: USERS.lars.aadObjectId,
      organisation: 'ITU',
      priority: 'low',
      due: '2027-03-01',
      area: 'Identity',
    });
    expect(res.type).toBe('application/vnd.microsoft.card.adaptive');
    const stored = (await items.list(group)).find((i) => i.title === title);
    expect(stored).toMatchObject({ description: '${$root.teamId}', ownerId: USERS.lars.aadObjectId, organisation: 'ITU', area: 'Identity', priority: 'low' });
    // Shown as typed, inside TextRuns: never evaluated, never markdown.
    expect(cardText(res)).toContain(JSON.stringify({ type: 'TextRun', text: ` ${title}`, size: 'Large', weight: 'Bolder' }));
    expect(cardText(res)).toContain(JSON.stringify({ type: 'TextRun', text: '${$root.teamId}' }));
  });

  describe('bad input: a clear message on the card, nothing stored', () => {
    const form = { teamId: TEAM.id, title: 'Fine title', due: '2027-05-01' };
    it.each([
      ['an empty title', { title: '   ' }, E.errors.emptyTitle],
      ['an over-long title', { title: 'x'.repeat(201) }, 'The title is too long (at most 200 characters).'],
      ['a due date that is not a date', { due: '2027-02-30' }, 'is not a date: use YYYY-MM-DD.'],
      ['a due date in the past', { due: '2020-01-01' }, 'The due date 2020-01-01 is in the past'],
      ['an unknown owner', { owner: '9a9a9a9a-0000-4000-8000-000000000000' }, E.errors.unknownOwner],
      ['a bad priority', { priority: 'urgent!' }, E.errors.badPriority],
    ])('%s', async (_name, change, message) => {
      const before = await count();
      const res = await execute('sofia', 'workplan.item.create', { ...form, ...change });
      expect(res.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(cardText(res)).toContain(message);
      expect(cardText(res)).toContain(E.form.heading);
      expect(await count()).toBe(before);
    });

    it('refuses a payload with fields the card does not have', async () => {
      const before = await count();
      const res = await execute('sofia', 'workplan.item.create', { ...form, status: 'done' });
      expect(String(res.value)).toContain("That input isn't valid");
      expect(await count()).toBe(before);
    });

    it('refuses progress outside 0–100 and keeps the item as it was', async () => {
      for (const progress of ['101', '-5', 'abc', '12.5']) {
        const res = await execute('sofia', 'workplan.item.progress', { teamId: TEAM.id, itemId: 1, progress });
        expect(cardText(res)).toContain(E.errors.badProgress);
      }
      expect((await items.get(group, 1))?.value.progress).toBe(0);
      expect((await items.history(group, 1)).map((x) => x.field)).toEqual(['created']);
    });

    it('never reaches an item of another group', async () => {
      const other = { id: '19:othergroup@thread.tacv2', name: 'Other Group' };
      const kenji = { id: '29:1kenji', aadObjectId: '3a9e4f6b-8d0c-4b5e-9f2a-4c5d6e7f8091', name: 'Kenji Sato' };
      h.connector.setTeam({ id: other.id, name: other.name, aadGroupId: '9b5e0a2c-4d6f-4b1e-8a7c-a2b3c4d5e6f7' });
      h.connector.setMembers(other.id, [{ ...kenji, tenantId: TENANT_ID }]);
      await h.send('bot-added-to-team', { team: other });
      await h.send('channel-message-mention', { team: other, from: kenji, text: 'new item Other 0' });
      const otherItems = testRepositories(openTables({ kind: 'connection-string', connectionString: testStorageConnection() }, h.service.tablePrefix)).workPlan.items;
      const otherGroup = { tenantId: TENANT_ID, teamId: other.id };
      for (let i = 1; i < 30; i++) {
        await otherItems.create(
          { ...otherGroup, title: `Other ${i}`, description: '', priority: 'low', status: 'open', progress: 0, createdBy: kenji.aadObjectId, createdAt: '', updatedAt: '' },
          { at: '', by: kenji.aadObjectId, byName: 'Kenji', field: 'created' },
        );
      }
      expect(await otherItems.get({ tenantId: TENANT_ID, teamId: other.id }, 30)).toBeDefined();
      // A-30 exists in the other group only: from this team it does not exist.
      const res = await execute('sofia', 'workplan.item.status', { teamId: TEAM.id, itemId: 30, status: 'done' });
      expect(String(res.value)).toContain('There is no action item A-30 in this group.');
      // A card naming the other team, clicked in this team's channel, is refused.
      const forged = await execute('sofia', 'workplan.item.show', { teamId: other.id, itemId: 1 });
      expect(String(forged.value)).not.toContain('Other 0');
      expect((await otherItems.get({ tenantId: TENANT_ID, teamId: other.id }, 30))?.value.status).toBe('open');
    }, 30_000);
  });

  describe('the item card', () => {
    it('lets the owner update status, progress, due date and notes; updates in place and says who changed what', async () => {
      let res = await execute('sofia', 'workplan.item.status', { teamId: TEAM.id, itemId: 1, status: 'in-progress', progress: '0', due: '2027-02-01', note: '', priority: 'high' });
      expect(cardText(res)).toContain('Sofia Marquez changed status.');
      res = await execute('sofia', 'workplan.item.progress', { teamId: TEAM.id, itemId: 1, progress: '60' });
      expect(cardText(res)).toContain('Sofia Marquez changed progress.');
      expect(cardText(await execute('sofia', 'workplan.item.due', { teamId: TEAM.id, itemId: 1, due: '2027-02-15' }))).toContain('Sofia Marquez changed due date.');
      res = await execute('sofia', 'workplan.item.note', { teamId: TEAM.id, itemId: 1, note: 'Keys ordered <script>' });
      expect(cardText(res)).toContain('Sofia Marquez added a note.');
      expect(cardText(res)).toContain('Sofia Marquez noted: Keys ordered <script>');
      expect(cardText(res)).toContain('Sofia Marquez changed progress: 0 % → 60 %');
      expect(cardText(res)).toContain('Sofia Marquez changed due date: 2027-02-01 → 2027-02-15');
      expect((await items.get(group, 1))?.value).toMatchObject({ status: 'in-progress', progress: 60, due: '2027-02-15' });
      expect((await items.history(group, 1)).map((x) => x.field)).toEqual(['created', 'status', 'progress', 'due', 'note']);
    });

    it('lets only co-chairs change the priority or drop, and only the owner or a co-chair update', async () => {
      let res = await execute('sofia', 'workplan.item.priority', { teamId: TEAM.id, itemId: 1, priority: 'low' });
      expect(cardText(res)).toContain(E.errors.coChairPriority);
      res = await execute('sofia', 'workplan.item.status', { teamId: TEAM.id, itemId: 1, status: 'dropped' });
      expect(cardText(res)).toContain(E.errors.coChairDrop);
      res = await execute('lars', 'workplan.item.progress', { teamId: TEAM.id, itemId: 1, progress: '5' });
      expect(cardText(res)).toContain(E.errors.ownerOrCoChair);
      res = await execute('amina', 'workplan.item.priority', { teamId: TEAM.id, itemId: 1, priority: 'critical' });
      expect(cardText(res)).toContain('Amina Diallo changed priority.');
      expect((await items.get(group, 1))?.value).toMatchObject({ priority: 'critical', progress: 60, status: 'in-progress' });
    });

    it('marks done, and shows the card read-only to someone who may not change it', async () => {
      const res = await execute('sofia', 'workplan.item.done', { teamId: TEAM.id, itemId: 1 });
      expect(cardText(res)).toContain('Sofia Marquez changed status, progress.');
      expect((await items.get(group, 1))?.value).toMatchObject({ status: 'done', progress: 100 });
      const seen = await execute('lars', 'workplan.item.show', { teamId: TEAM.id, itemId: 1 });
      expect(cardText(seen)).not.toContain('workplan.item.status');
      expect(cardText(seen)).not.toContain('workplan.item.delete');
    });
  });

  describe('lists', () => {
    it('answers items, items all, items overdue, items org and item A-n', async () => {
      let { cards } = await say('lars', 'items');
      expect(cards[0]).toContain(E.list.mine);
      expect(cards[0]).toContain('${title}'); // Lars owns the form-created item (literal title)
      expect(cards[0]).not.toContain('Rotate VPN keys'); // Sofia's, and done
      ({ cards } = await say('lars', 'items all'));
      expect(cards[0]).toContain(E.list.all);
      expect(cards[0]).not.toContain('Rotate VPN keys');
      ({ cards } = await say('lars', 'items overdue'));
      expect(cards[0]).toContain(E.list.empty);
      ({ cards } = await say('lars', 'items org ITU'));
      expect(cards[0]).toContain('Open action items of ITU');
      expect(cards[0]).toContain('"text":"A-2"');
      ({ cards } = await say('lars', 'item A-1'));
      expect(cards[0]).toContain('Rotate VPN keys');
      const { texts } = await say('lars', 'item A-999');
      expect(texts.join()).toContain('There is no action item A-999 in this group.');
    });
  });

  describe('the message action "Create action item"', () => {
    const submit = (data: Record<string, unknown>) => {
      const a = loadActivity('invoke-message-action-fetch-task', { serviceUrl: h.connector.url, from: 'sofia' });
      a.name = 'composeExtension/submitAction';
      a.value = { commandId: 'createActionItem', commandContext: 'message', data };
      return h.service.post(a);
    };

    it('opens the form pre-filled from the message', async () => {
      const res = await h.send('invoke-message-action-fetch-task', { from: 'sofia' });
      const body = JSON.stringify(res.body);
      expect(body).toContain('Can someone draft the liaison statement to the registry group before the 2 December call?');
      expect(body).toContain('Action.Submit');
    });

    it('shows errors in the dialog and creates the item when the form is right', async () => {
      const before = await count();
      const bad = await submit({ teamId: TEAM.id, title: '', due: '2027-06-01' });
      expect(JSON.stringify(bad.body)).toContain(E.errors.emptyTitle);
      expect(await count()).toBe(before);
      const good = await submit({ teamId: TEAM.id, title: 'Draft the liaison statement', description: 'From the channel', owner: USERS.sofia.aadObjectId, due: '2027-06-01' });
      expect(good.body).toEqual({});
      expect((await items.list(group)).find((i) => i.title === 'Draft the liaison statement')).toMatchObject({ ownerId: USERS.sofia.aadObjectId, createdBy: USERS.sofia.aadObjectId });
    });
  });

  describe('settings', () => {
    it('are for co-chairs', async () => {
      const { texts } = await say('sofia', 'settings');
      expect(texts.join()).toContain('Only a co-chair can do that.');
      const before = await settings.get(group);
      const res = await execute('sofia', 'workplan.settings.save', { teamId: TEAM.id, timeZone: 'Asia/Tokyo' });
      expect(String(res.value)).toContain('Only a co-chair can do that.');
      expect((await settings.get(group))?.etag).toBe(before?.etag);
    });

    it("validates and saves the schedule, organisations and members' organisations", async () => {
      const { cards } = await say('amina', 'settings');
      expect(cards[0]).toContain(E.settings.heading);
      let res = await execute('amina', 'workplan.settings.save', { teamId: TEAM.id, timeZone: 'Mars/Olympus' });
      expect(cardText(res)).toContain('Mars/Olympus\\" is not a time zone');
      res = await execute('amina', 'workplan.settings.save', { teamId: TEAM.id, dueSoonDays: '7, x' });
      expect(cardText(res)).toContain(E.errors.badOffsets);
      res = await execute('amina', 'workplan.settings.save', {
        teamId: TEAM.id,
        timeZone: 'America/New_York',
        digestDay: 'tue',
        digestTime: '08:30',
        dueSoonDays: '3, 10',
        overdueCadence: 'daily',
        escalateAfter: '2',
        workingDays: 'mon,tue,wed,thu',
        organisations: 'ITU\nWHO\n',
      });
      expect(cardText(res)).toContain('Settings saved. Next digest:');
      expect((await settings.get(group))?.value).toMatchObject({
        timeZone: 'America/New_York',
        digestDay: 'tue',
        digestTime: '08:30',
        dueSoonDays: [10, 3],
        overdueCadence: 'daily',
        escalateAfter: 2,
        workingDays: ['mon', 'tue', 'wed', 'thu'],
        organisations: ['ITU', 'WHO'],
      });
      res = await execute('amina', 'workplan.settings.member-org', { teamId: TEAM.id, memberId: USERS.sofia.aadObjectId, memberOrganisation: 'UNICEF' });
      expect(cardText(res)).toContain('UNICEF\\" is not one of the group');
      res = await execute('amina', 'workplan.settings.member-org', { teamId: TEAM.id, memberId: USERS.sofia.aadObjectId, memberOrganisation: 'WHO' });
      expect(cardText(res)).toContain('Sofia Marquez: WHO');
      expect((await settings.memberOrganisations(group)).get(USERS.sofia.aadObjectId)).toBe('WHO');
      // Now Sofia's `items` include WHO's.
      await execute('amina', 'workplan.item.create', { teamId: TEAM.id, title: 'WHO task', organisation: 'WHO' });
      const { cards: mine } = await say('sofia', 'items');
      expect(mine[0]).toContain('WHO task');
    });
  });
});
