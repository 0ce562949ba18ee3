import { createTableClients } from '../../bot/src/storage/table-client.factory';
import { TableActionItemRepository, WORK_ITEMS_TABLE } from '../../bot/src/storage/work-plan/action-item.repository';
import { TableWorkPlanSettingsRepository, WORK_PLAN_SETTINGS_TABLE } from '../../bot/src/storage/work-plan/work-plan-settings.repository';
import { TEAM, TENANT_ID, USERS, type UserKey } from '../fixtures/activities';
import { cardsIn, startBotHarness, textsIn, type BotHarness } from '../support/bot-harness';
import { actionsOf, badInputValues, cardTexts, inputsOf, textAfterInput, untouchedValues } from '../support/card-inputs';
import { testStorageConnection } from '../support/storage';
import en from '../../bot/src/i18n/locales/en/work-plan.json';

// Real storage and HTTP: give each hook and test room on a busy machine.
jest.setTimeout(60_000);

const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const E = en.workPlan;
type Body = { statusCode?: number; type?: string; value?: unknown };

describe('work-plan forms in chat keep what was typed and say what is wrong where it is wrong', () => {
  let h: BotHarness;
  let items: TableActionItemRepository;
  let settings: TableWorkPlanSettingsRepository;

  const execute = async (from: UserKey, verb: string, data: Record<string, unknown>) => (await h.send('invoke-adaptive-card-action', { from, cardAction: { verb, data } })).body as Body;
  const say = async (from: UserKey, text: string) => {
    h.connector.clear();
    await h.send('personal-message', { from, text });
    return { cards: cardsIn(h.connector.activities()).map((c) => JSON.parse(c) as unknown), texts: textsIn(h.connector.activities()) };
  };
  const press = (from: UserKey, card: unknown, verb: string, typed: Record<string, unknown> = {}) => {
    const action = actionsOf(card).find((a) => a.verb === verb);
    if (!action) throw new Error(`no ${verb} button on the card`);
    return execute(from, verb, { ...untouchedValues(card), ...typed, ...action.data });
  };

  beforeAll(async () => {
    h = await startBotHarness();
    const tables = createTableClients({ kind: 'connection-string', connectionString: testStorageConnection() }, h.service.tablePrefix);
    items = new TableActionItemRepository(tables.table(WORK_ITEMS_TABLE));
    settings = new TableWorkPlanSettingsRepository(tables.table(WORK_PLAN_SETTINGS_TABLE));
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

    it('a member\'s organisation refused: the error is beside the picker and the settings typed above stay', async () => {
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
});
