import type { ActionItemRepository } from '../../bot/src/features/work-plan/domain/ports';
import { openTables } from '../../bot/src/features/storage';
import { createI18n, translator } from '../../bot/src/platform/i18n/i18n';
import { teamsChannelAccount, TEAM, TENANT_ID } from '../fixtures/activities';
import { cardsIn, startBotHarness, textsIn, type BotHarness } from '../support/bot-harness';
import { cardTexts } from '../support/card-inputs';
import { testStorageConnection, testRepositories } from '../support/storage';

// Real storage and HTTP: give each hook and test room on a busy machine.
jest.setTimeout(60_000);

const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const i18n = createI18n();

/** What a member types in each language, command words then argument words, as the usage lines show them. */
const TYPED = {
  es: {
    newItem: 'nueva tarea',
    due: 'plazo',
    high: 'alta',
    items: 'tareas',
    all: 'todas',
    overdue: 'vencidas',
    pollSettings: 'encuesta configuración',
    members: 'miembros',
    on: 'sí',
    off: 'no',
    report: 'informe',
    session: 'sesión',
  },
  ru: {
    newItem: 'новая задача',
    due: 'срок',
    high: 'высокий',
    items: 'задачи',
    all: 'все',
    overdue: 'просроченные',
    pollSettings: 'опрос настройки',
    members: 'члены',
    on: 'да',
    off: 'нет',
    report: 'отчёт',
    session: 'заседание',
  },
  zh: { newItem: '新建事项', due: '截止', high: '高', items: '事项', all: '全部', overdue: '逾期', pollSettings: '投票设置', members: '成员', on: '是', off: '否', report: '报告', session: '会议' },
  ar: {
    newItem: 'مهمة جديدة',
    due: 'الموعد',
    high: 'عالية',
    items: 'المهام',
    all: 'الكل',
    overdue: 'المتأخرة',
    pollSettings: 'إعدادات الاستطلاعات',
    members: 'الأعضاء',
    on: 'نعم',
    off: 'لا',
    report: 'تقرير',
    session: 'جلسة',
  },
} as const;

describe('argument words typed in each language, after the command words', () => {
  let h: BotHarness;
  let items: ActionItemRepository;

  const say = async (locale: string, text: string) => {
    h.connector.clear();
    await h.send('personal-message', { from: 'amina', text, locale });
    return {
      cards: cardsIn(h.connector.activities())
        .map((c) => cardTexts(JSON.parse(c) as unknown))
        .join(' '),
      texts: textsIn(h.connector.activities()).join(' '),
    };
  };

  beforeAll(async () => {
    h = await startBotHarness();
    items = testRepositories(openTables({ kind: 'connection-string', connectionString: testStorageConnection() }, h.service.tablePrefix)).workPlan.items;
    const roster = (['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u));
    h.connector.setMembers(TEAM.id, roster);
    h.connector.setMembers(TEAM.selectedChannel.id, roster);
    await h.send('bot-added-to-team');
  });
  afterAll(() => h.stop());

  describe.each(Object.entries(TYPED))('%s', (lang, w) => {
    const t = translator(i18n, lang);
    const title = `Budget ${lang}`;

    it('a one-line new item takes its due date and priority by the language’s words, and leaves the words out of the title', async () => {
      await say(lang, `${w.newItem} ${title} ${w.due} 2027-03-01 ${w.high}`);
      expect((await items.list(group)).find((i) => i.title === title)).toMatchObject({ due: '2027-03-01', priority: 'high' });
    });

    it('the item list takes "all" and "overdue" in the language', async () => {
      expect((await say(lang, `${w.items} ${w.all}`)).cards).toContain(t('workPlan.list.all'));
      expect((await say(lang, `${w.items} ${w.overdue}`)).cards).toContain(t('workPlan.list.overdue'));
    });

    it('poll settings take "members on/off" in the language', async () => {
      expect((await say(lang, `${w.pollSettings} ${w.members} ${w.on}`)).texts).toContain(t('polls.settings.on'));
      expect((await say(lang, `${w.pollSettings} ${w.members} ${w.off}`)).texts).toContain(t('polls.settings.off'));
    });

    it('the report command takes "session" in the language (there is none yet: it says so, not how to type it)', async () => {
      const { texts } = await say(lang, `${w.report} ${w.session}`);
      expect(texts).toContain(t('reports.errors.noSession'));
      expect(texts).not.toContain(t('reports.errors.usage'));
    });
  });
});
