import { startBotConnector, type BotConnector } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { cardsIn, startBotHarness, textsIn, type BotHarness } from '../support/bot-harness';
import { createRepositories } from '../../bot/src/platform/storage/repositories';
import { startTestService, type TestService } from '../support/service';
import { tabApi } from '../support/tab';
import { createI18n, translator } from '../../bot/src/platform/i18n/i18n';

jest.setTimeout(60_000);

/**
 * Whose language: the group's (co-chairs choose it; every channel post uses it) and a
 * person's own (their personal answers). Real HTTP to /api/messages and /api/tab, Azurite,
 * and what the Bot Connector stand-in received, checked against the catalogues.
 */
describe('group language and personal language', () => {
  let connector: BotConnector;
  let service: TestService;
  let now = new Date('2027-02-01T10:00:00Z');
  const at = (iso: string) => (now = new Date(iso));
  const api = tabApi(() => service.url);
  const i18n = createI18n();
  const en = translator(i18n, 'en');
  const es = translator(i18n, 'es');
  const fr = translator(i18n, 'fr');
  const errorOf = (r: { json: unknown }) => (r.json as { error: { code: string; message: string } }).error;
  type Settings = { settings: Record<string, unknown> & { language: string }; etag: string | null };

  const personal = async (from: 'amina' | 'lars' | 'sofia', text: string) => {
    connector.clear();
    await service.post(loadActivity('personal-message', { serviceUrl: connector.url, from, text }));
    return textsIn(connector.activities()).join('\n');
  };
  const cardAction = (from: 'amina' | 'lars' | 'sofia', verb: string, data: Record<string, unknown>) =>
    service.post(loadActivity('invoke-adaptive-card-action', { serviceUrl: connector.url, from, cardAction: { verb, data: { teamId: TEAM.id, ...data } } }));

  beforeAll(async () => {
    connector = await startBotConnector();
    connector.setTeam({ id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId });
    const roster = (['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u));
    connector.setMembers(TEAM.id, roster);
    connector.setMembers(TEAM.selectedChannel.id, roster);
    service = await startTestService({ INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId}` }, { clock: { now: () => now } });
    await service.post(loadActivity('bot-added-to-team', { serviceUrl: connector.url }));
  });
  afterAll(async () => {
    await service?.stop();
    await connector?.stop();
  });

  it('a member cannot change the group language, in the tab or on the settings card', async () => {
    const read = await api<Settings>('amina', 'GET', 'settings');
    expect(read.json.settings.language).toBe('en');
    const put = await api('sofia', 'PUT', 'settings', { ...read.json.settings, language: 'es' }, { 'if-none-match': '*' });
    expect(put.status).toBe(403);
    expect(errorOf(put).message).toBe(en('errors.forbidden'));
    const card = await cardAction('lars', 'workplan.settings.save', { language: 'es' });
    expect(JSON.stringify(card.body)).toContain(en('errors.forbidden'));
    expect((await api<Settings>('amina', 'GET', 'settings')).json.settings.language).toBe('en');
  });

  it('the tab refuses a language that is not one of the six, naming the choices', async () => {
    const read = await api<Settings>('amina', 'GET', 'settings');
    const put = await api('amina', 'PUT', 'settings', { ...read.json.settings, language: 'de' }, { 'if-none-match': '*' });
    expect(put.status).toBe(400);
    const choices = 'ar (العربية) · en (English) · es (Español) · fr (Français) · ru (Русский) · zh (中文)';
    expect(errorOf(put).message).toBe(en('workPlan.errors.badLanguage', { value: 'de', choices }));
    expect((await api<Settings>('amina', 'GET', 'settings')).json.settings.language).toBe('en');
  });

  it('a co-chair sets Spanish: the next poll post, digest and reminder in the channel are Spanish', async () => {
    expect((await api('amina', 'POST', 'items', { title: 'Draft the terms of reference', due: '2027-02-03', ownerId: USERS.lars.aadObjectId })).status).toBe(201);
    const read = await api<Settings>('amina', 'GET', 'settings');
    const saved = await api<Settings>('amina', 'PUT', 'settings', { ...read.json.settings, language: 'es' }, read.json.etag ? { 'if-match': read.json.etag } : { 'if-none-match': '*' });
    expect(saved.status).toBe(200);
    expect(saved.json.settings.language).toBe('es');
    expect((await api<Settings>('lars', 'GET', 'settings')).status).toBe(403);

    // A poll opened by the co-chair, whose own client is English: the channel post is Spanish.
    connector.clear();
    const created = await cardAction('amina', 'poll.create', {
      pollId: 'p00000000000000aa',
      question: '¿Qué fecha?',
      options: 'Lunes\nMartes',
      kind: 'single',
      visibility: 'live',
      closesDate: '2027-02-10',
      closesTime: '17:00',
    });
    expect(JSON.stringify(created.body)).toContain(en('polls.created'));
    const pollPost = cardsIn(connector.activities()).join();
    expect(pollPost).toContain('¿Qué fecha?');
    expect(pollPost).toContain(es('polls.card.heading'));
    expect(pollPost).not.toContain(en('polls.card.heading'));

    // The weekly digest (Monday 09:00 UTC) and the item's due-soon reminder go out in Spanish.
    connector.clear();
    at('2027-02-02T09:00:30Z');
    await service.scheduler.tick();
    const reminder = cardsIn(connector.activities()).join();
    expect(reminder).toContain(es('workPlan.reminders.myItems'));
    expect(reminder).not.toContain(en('workPlan.reminders.myItems'));
    connector.clear();
    at('2027-02-08T09:00:30Z');
    await service.scheduler.tick();
    const posts = cardsIn(connector.activities()).join();
    expect(posts).toContain(es('workPlan.digest.byStatus'));
    expect(posts).not.toContain(en('workPlan.digest.byStatus'));
    expect(posts).toContain('Draft the terms of reference');
  });

  it("a member's own language changes their personal answers, not others' nor the channel's", async () => {
    expect(await personal('sofia', 'language')).toContain(en('language.current', { language: 'English' }));
    expect(await personal('sofia', 'language fr')).toContain(fr('language.set', { language: 'Français' }));
    // Her answers are French now, whatever her English client says; Lars's stay English.
    expect(await personal('sofia', 'language')).toContain(fr('language.currentChosen', { language: 'Français' }));
    expect(await personal('sofia', 'blah')).toContain(fr('unknown'));
    expect(await personal('lars', 'blah')).toContain(en('unknown'));
    expect(await personal('lars', 'language')).toContain(en('language.current', { language: 'English' }));
    // The tab learns it too (and then reads French); Lars's follows his Teams locale.
    expect((await api<{ language: string | null }>('sofia', 'GET', 'me')).json.language).toBe('fr');
    expect((await api<{ language: string | null }>('lars', 'GET', 'me')).json.language).toBeNull();
    // The settings stayed the group's: Spanish.
    expect((await api<Settings>('amina', 'GET', 'settings')).json.settings.language).toBe('es');
  });

  it('refuses a language code it does not know, listing the choices in the reader’s language', async () => {
    const answer = await personal('lars', 'language xx');
    const choices = new Intl.ListFormat('en', { type: 'disjunction' }).format(['ar (العربية)', 'en (English)', 'es (Español)', 'fr (Français)', 'ru (Русский)', 'zh (中文)']);
    expect(answer).toContain(en('language.invalid', { value: 'xx', choices }));
    expect(await personal('lars', 'language')).toContain(en('language.current', { language: 'English' }));
    // In French, with the French command word.
    expect(await personal('lars', 'langue de')).toContain(
      fr('language.invalid', {
        value: 'de',
        choices: new Intl.ListFormat('fr', { type: 'disjunction' }).format(['ar (العربية)', 'en (English)', 'es (Español)', 'fr (Français)', 'ru (Русский)', 'zh (中文)']),
      }),
    );
  });
});

describe("a new group's language", () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("starts as the installing co-chair's Teams language, and a re-install keeps the group's", async () => {
    await h.send('bot-added-to-team', { locale: 'fr-FR' });
    const groups = createRepositories(h.service.tables).groups;
    expect((await groups.get({ tenantId: TENANT_ID, teamId: TEAM.id }))?.value.language).toBe('fr');
    expect(cardsIn(h.connector.activities()).join()).toContain(translator(createI18n(), 'fr')('welcome.title'));
    // A re-install keeps the language the group has (co-chairs may have chosen it since).
    await h.send('bot-added-to-team', { locale: 'ru-RU' });
    expect((await groups.get({ tenantId: TENANT_ID, teamId: TEAM.id }))?.value.language).toBe('fr');
  });
});
