import { testRepositories } from '../support/storage';
import { loadActivity, TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import en from '../../bot/src/features/decisions/locales/en.json';
import { STATIC_CHOICES } from '../../bot/src/features/decisions/cards/decision-form-card';
import { tabApi } from '../support/tab';
import { submitAndRecord } from '../support/decision-confirm';

const group = { tenantId: TENANT_ID, teamId: TEAM.id };
type Who = 'amina' | 'lars' | 'sofia';
type Card = { body: Record<string, unknown>[] };

/** The decision form picks sessions and polls by name, never by an id the user never sees. */
describe('the decision form: sessions and polls by name', () => {
  let h: BotHarness;
  const execute = async (from: Who, verb: string, data: Record<string, unknown>) => {
    const res = await h.send('invoke-adaptive-card-action', { from, cardAction: { verb, data: { teamId: TEAM.id, ...data } } });
    return (res.body as { value: unknown }).value;
  };
  const input = (card: unknown, id: string) =>
    (card as Card).body.find((e) => e.id === id) as { type: string; style?: string; choices: { title: string; value: string }[]; 'choices.data'?: { type: string; dataset: string } };
  /**
   * An `application/search` invoke as "Typeahead search in Adaptive Cards" shows it
   * (https://learn.microsoft.com/en-us/microsoftteams/platform/task-modules-and-cards/cards/dynamic-search,
   * "Invoke request"): the card-action fixture's envelope with that name and value.
   */
  const search = async (from: Who, dataset: string, queryText: string, queryOptions = { skip: 0, top: 15 }) => {
    const activity = { ...loadActivity('invoke-adaptive-card-action', { from, serviceUrl: h.connector.url }), name: 'application/search', value: { queryText, queryOptions, dataset } };
    return h.service.post(activity) as Promise<{ status: number; body: { type: string; value: { results: { title: string; value: string }[] } } }>;
  };
  const session = async (id: string, title: string, daysFromNow: number) => {
    const start = new Date(Date.now() + daysFromNow * 86_400_000);
    await testRepositories(h.service.tables).sessions.sessions.create({
      ...group,
      id,
      title,
      startsAt: start,
      endsAt: new Date(start.getTime() + 3_600_000),
      timeZone: 'Europe/Zurich',
      agenda: [],
      status: 'planned',
      createdBy: USERS.amina.aadObjectId,
      updatedAt: new Date(),
    });
  };

  beforeAll(async () => {
    h = await startBotHarness();
    await h.send('bot-added-to-team');
  });
  afterAll(() => h.stop());

  it("offers the group's sessions and polls as choices by title, and the card shows the titles", async () => {
    await session('saf621c7723b4a3bc', 'Spring plenary', -20);
    const closesDate = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    await execute('amina', 'poll.create', { pollId: 'p0123456789abcdef', question: 'Which budget option?', options: 'A\nB', kind: 'single', visibility: 'live', closesDate, closesTime: '17:00' });

    const form = await execute('amina', 'decision.form', {});
    const sessionPicker = input(form, 'sessionId');
    expect(sessionPicker.type).toBe('Input.ChoiceSet');
    expect(sessionPicker.choices.map((c) => c.value)).toEqual(['none', 'saf621c7723b4a3bc']);
    expect(sessionPicker.choices[1]!.title).toMatch(/^Spring plenary — /);
    const pollPicker = input(form, 'pollId');
    expect(pollPicker.type).toBe('Input.ChoiceSet');
    expect(pollPicker.choices).toContainEqual({ title: 'Which budget option?', value: 'p0123456789abcdef' });
    expect(sessionPicker['choices.data']).toBeUndefined(); // few enough to list in the card

    const recorded = JSON.stringify(
      await submitAndRecord((verb, data) => execute('amina', verb, data), { title: 'Budget', text: 'Option A.', sessionId: 'saf621c7723b4a3bc', pollId: 'p0123456789abcdef' }),
    );
    expect(recorded).toContain('"text":"Spring plenary"');
    expect(recorded).toContain('"text":"Which budget option?"');
    expect(recorded).not.toContain('saf621c7723b4a3bc');
    expect(recorded).toContain(en.decisions.fields.session);

    // The tab's detail names them too.
    const ref = /"text":"(D-\d{4}-\d{3})"/.exec(recorded)![1]!;
    const detail = await tabApi(() => h.service.url)<{ sessionTitle?: string; pollTitle?: string }>('lars', 'GET', `decisions/${ref}`);
    expect(detail.json).toMatchObject({ sessionTitle: 'Spring plenary', pollTitle: 'Which budget option?' });
  });

  it('records no link when "none" is left chosen in both pickers', async () => {
    const form = await execute('amina', 'decision.form', {});
    expect((input(form, 'sessionId') as { value?: unknown }).value).toBe('none');
    const recorded = JSON.stringify(
      await submitAndRecord((verb, data) => execute('amina', verb, data), { title: 'Unlinked', text: 'Neither a session nor a poll.', sessionId: 'none', pollId: 'none' }),
    );
    const ref = /"text":"(D-\d{4}-\d{3})"/.exec(recorded)![1]!;
    const detail = await tabApi(() => h.service.url)<{ sessionId?: string; pollId?: string }>('lars', 'GET', `decisions/${ref}`);
    expect(detail.json.sessionId ?? '').toBe('');
    expect(detail.json.pollId ?? '').toBe('');
  });

  it('searches as the user types when there are more sessions than the card holds', async () => {
    for (let i = 0; i < STATIC_CHOICES + 2; i++) await session(`s-old-${i}`, `Working meeting ${i}`, -100 - i);
    await session('s-geneva', 'Réunion de Genève', -200);

    const form = await execute('amina', 'decision.form', {});
    const picker = input(form, 'sessionId');
    expect(picker.style).toBe('filtered');
    expect(picker['choices.data']?.type).toBe('Data.Query');
    expect(picker.choices.length).toBeLessThanOrEqual(STATIC_CHOICES + 1);

    const dataset = picker['choices.data']!.dataset;
    const found = await search('amina', dataset, 'reunion geneve');
    expect(found.status).toBe(200);
    expect(found.body.type).toBe('application/vnd.microsoft.search.searchResponse');
    expect(found.body.value.results.map((r) => r.value)).toEqual(['s-geneva']);
    expect(found.body.value.results[0]!.title).toMatch(/^Réunion de Genève — /);

    const page = await search('amina', dataset, 'working', { skip: 0, top: 5 });
    expect(page.body.value.results).toHaveLength(5);
  });

  it("answers a member's search with nothing and refuses a malformed one", async () => {
    const form = await execute('amina', 'decision.form', {});
    const dataset = input(form, 'sessionId')['choices.data']!.dataset;
    expect((await search('sofia', dataset, 'working')).body.value.results).toEqual([]);
    expect((await search('amina', 'no.such.dataset|x', 'working')).status).toBe(400);
  });
});
