import type { BotConnector } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS, type ActivityOverrides, type FixtureName, type UserKey } from '../fixtures/activities';
import { loadMeeting, MEETING_THREAD } from '../fixtures/meetings';
import { cardsIn, startBotHarness } from '../support/bot-harness';
import { actionsOf, untouchedValues } from '../support/card-inputs';
import { checkCard, verbsAndDatasets } from '../support/card-check';
import { seedRealisticGroup } from '../support/realistic-seed';
import { addDays, decisionText, textOf } from '../support/realistic-group';
import { LIMITS as DECISION_LIMITS } from '../../bot/src/features/decisions/domain/decision-input';
import type { TestService } from '../support/service';
import { testRepositories } from '../support/storage';
import { MAX_CARD_CHARS } from '../../bot/src/platform/cards/render';
import type { QuorumRepositories } from '../../bot/src/features/storage';

// Hundreds of rows through real storage and HTTP: the setup needs room on a busy machine.
jest.setTimeout(180_000);

/**
 * Every card the bot can send, built by the running service for the realistic group (see
 * tests/support/realistic-group.ts) in the six languages, each one checked by Microsoft's
 * renderer and the official 1.5 schema (tests/support/card-check.ts), measured against the
 * budget, and read for the verbs and searches it can send back. Scheduled cards are built by
 * running the scheduler's real jobs on a moving clock.
 */
const BASE = 'https://quorum.example.org';
const group = { tenantId: TENANT_ID, teamId: TEAM.id };
/** The six official languages of the UN: Arabic reads right to left, Chinese has no spaces to wrap at. */
const LANGUAGES = ['en', 'fr', 'es', 'ar', 'ru', 'zh'] as const;
type Lang = (typeof LANGUAGES)[number];
const LOCALE: Record<Lang, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES', ar: 'ar-EG', ru: 'ru-RU', zh: 'zh-CN' };
const TODAY = '2027-03-01';
/** Each language has its own week, so each has its own digest, reminders, session, poll and meeting. */
const perLanguage = <T>(value: (lang: Lang, i: number) => T) => Object.fromEntries(LANGUAGES.map((l, i) => [l, value(l, i)])) as Record<Lang, T>;
const WEEK = perLanguage((_, i) => 7 * i);
const SESSION = perLanguage((_, i) => `s0000000000000${i}a1`);
const POLL = perLanguage((_, i) => `p0000000000000${i}b1`);
const THREAD = perLanguage((l, i) => (i === 0 ? MEETING_THREAD : `19:meeting_${Buffer.from(`every-card-${l}`).toString('base64url')}@thread.v2`));

type Card = Record<string, unknown>;
/** A decision linked to the language's session and poll and to as many items as it may name. */
const LINKED = (l: Lang) => ({ sessionId: SESSION[l], pollId: POLL[l], actionItemIds: Array.from({ length: DECISION_LIMITS.actionItems }, (_, i) => `A-${i + 1}`).join(', ') });
/** A long channel message in several scripts, turned into an item by the message action. */
const TEXTS_FOR_MESSAGE = 'Merci de revoir la politique 🔐 — يرجى مراجعة السياسة — 请审查政策 — Просьба пересмотреть политику.';
interface Built {
  cards: Card[];
}

const ONE_MESSAGE = new Set(['items all (500)', 'decisions (100)', 'decisions verify (100 records)']);
const largest = new Map<string, number>();
const sentVerbs = new Set<string>();
const sentDatasets = new Set<string>();

describe('every card the bot sends, for a group at its real size', () => {
  let connector: BotConnector;
  let service: TestService;
  let repos: QuorumRepositories;
  const clock = { at: new Date(`${TODAY}T10:00:00Z`) };
  const refs: string[] = [];

  const send = async (name: FixtureName, o: ActivityOverrides & { name?: string; value?: unknown }): Promise<{ status: number; body: unknown }> =>
    service.post(loadActivity(name, { serviceUrl: connector.url, ...o }));
  /** What the bot sent while `act` ran, and the card an invoke answered with. */
  const capture = async (act: () => Promise<unknown>): Promise<Built> => {
    connector.clear();
    const answer = (await act()) as { body?: unknown } | undefined;
    const sent = cardsIn(connector.activities()).map((c) => JSON.parse(c) as Card);
    const body = answer?.body as { type?: string; value?: unknown; task?: { value?: { card?: { content?: unknown } } } } | undefined;
    // An invoke answers with a card (Universal Actions) or a dialog holding one (message actions).
    const replied = body?.type === 'application/vnd.microsoft.card.adaptive' ? [body.value as Card] : body?.task?.value?.card?.content ? [body.task.value.card.content as Card] : [];
    return { cards: [...replied, ...sent] };
  };
  const say = (from: UserKey, text: string, lang: Lang) => capture(() => send('personal-message', { from, text, locale: LOCALE[lang] }));
  const mention = (from: UserKey, text: string, lang: Lang) => capture(() => send('channel-message-mention', { from, text, locale: LOCALE[lang] }));
  const execute = (from: UserKey, verb: string, data: Record<string, unknown>, lang: Lang) =>
    capture(() => send('invoke-adaptive-card-action', { from, locale: LOCALE[lang], cardAction: { verb, data: { teamId: TEAM.id, ...data } } }));
  /** A button pressed as Teams sends it: the card's inputs as drawn, then what was typed, then the button's data. */
  const press = (from: UserKey, card: Card | undefined, verb: string, typed: Record<string, unknown>, lang: Lang) => {
    const action = actionsOf(card).find((a) => a.verb === verb);
    if (!action) throw new Error(`no ${verb} button on the card`);
    const inputs = String(action.node.associatedInputs ?? 'auto').toLowerCase() === 'none' ? {} : { ...untouchedValues(card), ...typed };
    return execute(from, verb, { ...inputs, ...action.data }, lang);
  };
  const tick = (iso: string) =>
    capture(async () => {
      clock.at = new Date(iso);
      await service.scheduler.tick();
    });
  const at = (lang: Lang, day: string, time: string) => `${addDays(day, WEEK[lang])}T${time}Z`;
  const meeting = (name: 'meeting-start' | 'meeting-end', lang: Lang, time: string) =>
    capture(() => service.post(loadMeeting(name, { serviceUrl: connector.url, thread: THREAD[lang], at: at(lang, '2027-03-10', time) })));

  beforeAll(async () => {
    ({ connector, service } = await startBotHarness({ ALLOWED_TENANT_IDS: TENANT_ID, PUBLIC_BASE_URL: BASE }, { clock: { now: () => clock.at } }));
    repos = testRepositories(service.tables);
    await send('bot-added-to-team', {});

    const join = (lang: Lang) => loadMeeting('meeting-start', { serviceUrl: connector.url, thread: THREAD[lang] }).value!.JoinUrl;
    const seeded = await seedRealisticGroup(repos, async (verb, data) => (await execute('amina', verb, data, 'en')).cards[0], {
      group,
      today: TODAY,
      by: USERS.amina.aadObjectId,
      sessions: LANGUAGES.map((l) => ({ id: SESSION[l], startDate: addDays('2027-03-10', WEEK[l]), onlineUrl: join(l) })),
      polls: LANGUAGES.map((l) => ({ id: POLL[l], closesDate: addDays('2027-03-09', WEEK[l]), sessionId: SESSION[l] })),
    });
    refs.push(...seeded.refs);
  }, 900_000);

  afterAll(async () => {
    const rows = [...largest.entries()].sort((a, b) => b[1] - a[1]);
    console.log(`every card at the realistic size (largest JSON characters of each, budget ${MAX_CARD_CHARS}):\n${rows.map(([n, s]) => `  ${String(s).padStart(6)}  ${n}`).join('\n')}`);
    await service?.stop();
    await connector?.stop();
  });

  /** Each row: what a person or the scheduler does, and so which cards the bot sends. */
  const ROWS: [string, (lang: Lang) => Promise<Built>][] = [
    [
      'welcome, added to a new team',
      (l) =>
        capture(() => {
          const team = { id: `19:welcome-${l}@thread.tacv2`, name: textOf('Groupe de travail — فريق العمل — 工作组 🌐', 120), aadGroupId: TEAM.aadGroupId };
          connector.setTeam(team);
          // Only Lars is in it: the others stay in one group, so their personal chat needs no choice of group.
          connector.setMembers(team.id, [teamsChannelAccount('lars')]);
          return send('bot-added-to-team', { team, from: 'lars', locale: LOCALE[l] });
        }),
    ],
    ['help, member', (l) => say('sofia', 'help', l)],
    ['help, co-chair', (l) => say('amina', 'help', l)],
    ['help, in the channel', (l) => mention('sofia', 'help', l)],
    ['co-chairs', (l) => say('amina', 'cochairs', l)],
    ['work-plan settings', (l) => say('amina', 'settings', l)],
    ['items (mine)', (l) => say('amina', 'items', l)],
    ['items all (500)', (l) => say('sofia', 'items all', l)],
    ['item', (l) => say('sofia', 'item A-7', l)],
    ['new item form', (l) => say('amina', 'new item', l)],
    [
      'new item: created (card and channel post)',
      async (l) => {
        const form = (await say('amina', 'new item', l)).cards[0];
        return press('amina', form, 'workplan.item.create', { title: textOf(`Nouvelle action ${l} — إجراء جديد 新行动`, 200), due: at(l, '2027-03-04', '').slice(0, 10) }, l);
      },
    ],
    [
      'new item from a message (message action dialog)',
      (l) => capture(() => send('invoke-message-action-fetch-task', { from: 'sofia', locale: LOCALE[l], messagePayload: { html: `<p>${textOf(TEXTS_FOR_MESSAGE, 20_000)}</p>`, author: 'lars' } })),
    ],
    ['decisions (100)', (l) => say('sofia', 'decisions', l)],
    ['decisions, next page', (l) => execute('sofia', 'decisions.page', { page: 1 }, l)],
    ['decision, amended', (l) => say('amina', `decision ${refs[0]}`, l)],
    ['decision, revoking', (l) => say('sofia', `decision ${refs[99]}`, l)],
    ['decision form', (l) => say('amina', 'decide', l)],
    ['decision amend form', (l) => execute('amina', 'decision.amend', { ref: refs[50] }, l)],
    [
      'decision confirmation, new decision (every field at its limit)',
      async (l) => press('amina', (await say('amina', 'decide', l)).cards[0], 'decision.record', { ...decisionText(1), ...LINKED(l) }, l),
    ],
    [
      'decision confirmation, amendment (every field at its limit)',
      async (l) => press('amina', (await execute('amina', 'decision.amend', { ref: refs[50] }, l)).cards[0], 'decision.record', { ...decisionText(2), ...LINKED(l) }, l),
    ],
    [
      'decision recorded: Record on the confirmation (card and channel post)',
      async (l) => {
        const confirmation = await press('amina', (await say('amina', 'decide', l)).cards[0], 'decision.record', { ...decisionText(3), ...LINKED(l) }, l);
        return press('amina', confirmation.cards[0], 'decision.confirm', {}, l);
      },
    ],
    ['decision revoke form', (l) => execute('amina', 'decision.revoke', { ref: refs[51] }, l)],
    ['decisions verify (100 records)', (l) => say('sofia', 'decisions verify', l)],
    ['next session', (l) => say('sofia', 'next session', l)],
    ['session new form', (l) => say('amina', 'session new', l)],
    ['session edit form (at the limits)', (l) => execute('amina', 'session.form', { sessionId: SESSION[l] }, l)],
    ['poll form', (l) => say('amina', 'poll', l)],
    ['polls', (l) => say('sofia', 'polls', l)],
    ['poll with 1,000 votes, my view', (l) => execute('sofia', 'poll.view', { pollId: POLL[l] }, l)],
    ['poll vote', (l) => execute('sofia', 'poll.vote', { pollId: POLL[l], choice: 'o3' }, l)],
    ['report of the year', (l) => say('amina', 'report 2027', l)],
    ['report of the session', (l) => say('amina', l === 'fr' ? 'rapport séance' : 'report session', l)],
    ['scheduled: reminders and the weekly digest (Monday)', (l) => tick(at(l, '2027-03-08', '09:00:30'))],
    ['scheduled: the day before the session (its reminder; the poll closes, its results)', (l) => tick(at(l, '2027-03-09', '17:00:30'))],
    ['poll results, record as decision', (l) => execute('amina', 'poll.decide', { pollId: POLL[l] }, l)],
    ['meeting starts: the agenda', (l) => meeting('meeting-start', l, '09:00:00')],
    ['meeting ends: the summary', (l) => meeting('meeting-end', l, '13:00:00')],
  ];

  describe.each(LANGUAGES)('in %s', (lang) => {
    beforeAll(async () => {
      await execute('amina', 'workplan.settings.save', { language: lang }, lang);
    });

    it.each(ROWS)('%s', async (name, build) => {
      const { cards } = await build(lang);
      expect(cards.length).toBeGreaterThan(0);
      // Lists of the whole plan or register answer in one message, whatever their size.
      if (ONE_MESSAGE.has(name)) expect(cards).toHaveLength(1);
      for (const card of cards) {
        const size = JSON.stringify(card).length;
        largest.set(name, Math.max(largest.get(name) ?? 0, size));
        expect({ name, size, findings: checkCard(card) }).toEqual({ name, size: expect.any(Number), findings: [] });
        expect(size).toBeLessThan(MAX_CARD_CHARS);
        const { verbs, datasets } = verbsAndDatasets(card);
        for (const v of verbs) sentVerbs.add(v);
        for (const d of datasets) sentDatasets.add(d);
      }
    });
  });

  describe('then', () => {
    it('every verb and search a card can send is one the service handles', async () => {
      expect(sentVerbs.size).toBeGreaterThan(15);
      for (const verb of sentVerbs) {
        // Data that names no team of ours: a handler refuses it without writing, but is found first.
        const res = await send('invoke-adaptive-card-action', { from: 'sofia', cardAction: { verb, data: { teamId: '19:no-such-team@thread.tacv2' } } });
        expect({ verb, body: res.body }).not.toMatchObject({ verb, body: { value: { code: 'UnknownVerb' } } });
      }
      for (const dataset of sentDatasets) {
        // An `application/search` invoke as Teams sends it for a typeahead Input.ChoiceSet.
        const search = {
          ...loadActivity('invoke-adaptive-card-action', { from: 'amina', serviceUrl: connector.url }),
          name: 'application/search',
          value: { queryText: 'Zo', queryOptions: { skip: 0, top: 5 }, dataset },
        };
        const res = (await service.post(search)) as { status: number; body: { value?: { results?: unknown[] } } };
        expect({ dataset, status: res.status, results: Array.isArray(res.body.value?.results) }).toEqual({ dataset, status: 200, results: true });
      }
    });
  });
});
