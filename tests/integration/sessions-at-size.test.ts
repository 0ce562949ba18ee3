import { startBotConnector, type BotConnector } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS, type UserKey } from '../fixtures/activities';
import { loadMeeting, MEETING_JOIN_URL, MEETING_THREAD } from '../fixtures/meetings';
import { cardsIn } from '../support/bot-harness';
import { actionsOf, inputsOf } from '../support/card-inputs';
import { startTestService, type TestService } from '../support/service';
import { testRepositories } from '../support/storage';
import { itemTitle, seedItems, type ItemSeed } from '../support/group-at-size';
import { MAX_CARD_CHARS } from '../../bot/src/platform/cards/render';
import { SESSION_LIMITS } from '../../bot/src/features/sessions/domain/session-input';
import { createI18n, translator } from '../../bot/src/platform/i18n/i18n';
import type { QuorumRepositories } from '../../bot/src/features/storage';
import { submitAndRecord } from '../support/decision-confirm';

// Real storage and HTTP, and many rows: give the setup room on a busy machine.
jest.setTimeout(120_000);

/**
 * The sessions' and meetings' cards for a session at the limits — 40 agenda items of a
 * 300-character title and a 200-character presenter, a 4,000-character description, 50 open
 * items to review, a dozen open polls of 20 long options, 30 decisions and 90 action items
 * created or closed while it ran — built by the running service, measured, and read for what
 * a reader needs: the agenda, counts of what is left out, and a link to all of it in the tab.
 */
const BASE = 'https://quorum.example.org';
const SID = 's0000000000000a11';
const OLD_SID = 's0000000000000b22';
const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const en = translator(createI18n(), 'en');
const TAB = `${BASE}/tab/index.html?view=session&team=${encodeURIComponent(TEAM.id)}`;

const pad = (text: string, n: number, fill = '·') => text.padEnd(n, fill).slice(0, n);
/** 40 agenda lines at the limits, action item ids filling what the agenda box has left. */
function agendaAtLimits(): string {
  const lines = Array.from({ length: 40 }, (_, i) =>
    [pad(`Point ${i + 1} — examen du rapport « sécurité » 🔐 ${'ال'.repeat(5)}`, 300), pad(`Présentation : délégation ${i + 1}`, 200), '30'].join(' | '),
  );
  const room = Math.floor((SESSION_LIMITS.agenda - lines.join('\n').length) / lines.length) - ' | '.length;
  const ids = (line: number) => {
    let out = `A-${line * 20 + 1}`;
    for (let j = 2; `${out}, A-${line * 20 + j}`.length <= room; j++) out = `${out}, A-${line * 20 + j}`;
    return out;
  };
  return lines.map((l, i) => `${l} | ${ids(i)}`).join('\n');
}

const sizes: [string, number][] = [];
const measure = (name: string, card: unknown) => {
  const size = JSON.stringify(card).length;
  sizes.push([name, size]);
  return size;
};

describe('sessions and meetings at a realistic size', () => {
  let connector: BotConnector;
  let service: TestService;
  let repos: QuorumRepositories;
  const clock = { at: new Date('2027-03-01T10:00:00Z') };
  const AGENDA = agendaAtLimits();
  const DESCRIPTION = pad('Ordre du jour annoté : '.repeat(20), SESSION_LIMITS.description);

  const execute = async (from: UserKey, verb: string, data: Record<string, unknown>) =>
    ((await service.post(loadActivity('invoke-adaptive-card-action', { serviceUrl: connector.url, from, cardAction: { verb, data: { teamId: TEAM.id, ...data } } }))).body as { value: unknown }).value;
  const say = async (from: UserKey, text: string) => {
    connector.clear();
    await service.post(loadActivity('personal-message', { serviceUrl: connector.url, from, text }));
    return cardsIn(connector.activities()).map((c) => JSON.parse(c) as unknown);
  };
  const meetingPosts = () => cardsIn(connector.requests.filter((r) => r.route === 'sendToConversation' && r.conversationId === MEETING_THREAD && r.outcome === 'served').map((r) => r.body));
  const saveSession = (values: Record<string, string>) =>
    execute('amina', 'session.save', {
      sessionId: SID,
      title: pad('Session plénière du groupe de travail sur l’interopérabilité — ', SESSION_LIMITS.title),
      startDate: '2027-03-10',
      startTime: '09:00',
      endDate: '',
      endTime: '13:00',
      timeZone: 'Europe/Zurich',
      place: pad('Palais des Nations, salle XVII, Genève — ', SESSION_LIMITS.place),
      onlineUrl: MEETING_JOIN_URL,
      description: DESCRIPTION,
      agenda: AGENDA,
      ...values,
    });

  beforeAll(async () => {
    connector = await startBotConnector();
    connector.setTeam({ id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId });
    const roster = (['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u));
    connector.setMembers(TEAM.id, roster);
    connector.setMembers(TEAM.selectedChannel.id, roster);
    service = await startTestService({ INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId}`, ALLOWED_TENANT_IDS: TENANT_ID, PUBLIC_BASE_URL: BASE }, { clock: { now: () => clock.at } });
    repos = testRepositories(service.tables);
    await service.post(loadActivity('bot-added-to-team', { serviceUrl: connector.url }));
    // 50 open items to review, with titles of the maximum length.
    const review: ItemSeed[] = Array.from({ length: 50 }, (_, i) => ({ title: itemTitle(i, 200), status: 'open', progress: 0, due: '2027-06-30' }));
    await seedItems(repos.workPlan.items, group, review, USERS.amina.aadObjectId, clock.at.toISOString());
  }, 300_000);

  afterAll(async () => {
    console.log(`session and meeting cards at size (JSON characters, budget ${MAX_CARD_CHARS}):\n${sizes.map(([n, s]) => `  ${n}: ${s}`).join('\n')}`);
    await service?.stop();
    await connector?.stop();
  });

  it('saves a session at every limit, and answers with its card within the budget', async () => {
    expect(AGENDA.length).toBeLessThanOrEqual(SESSION_LIMITS.agenda);
    expect(AGENDA.length).toBeGreaterThan(SESSION_LIMITS.agenda - 200);
    const card = await saveSession({});
    expect(JSON.stringify(card)).toContain(en('sessions.card.saved'));
    expect(measure('session card, answer to the save (at the limits, 50 to review)', card)).toBeLessThan(MAX_CARD_CHARS);
  });

  it('the session card: the whole agenda cut to a line each, the review counted past ten, a link to the session in the tab', async () => {
    const [card] = await say('sofia', 'next session');
    const text = JSON.stringify(card);
    expect(measure('session card (at the limits, 50 to review)', card)).toBeLessThan(MAX_CARD_CHARS);
    expect(text).toContain('Point 1 — examen');
    expect(text).toContain('Point 40 — examen');
    expect(text).toContain(JSON.stringify(en('sessions.card.moreReview', { count: 40 })).slice(1, -1));
    expect(text).toContain('…'); // the description and the long titles are cut, visibly
    expect(text).not.toContain(DESCRIPTION);
    expect(actionsOf(card).map((a) => a.node.url)).toContain(TAB);
  });

  it('the edit form holds every value whole, each within its input, and fits the budget', async () => {
    const form = await execute('amina', 'session.form', { sessionId: SID });
    expect(measure('session form (edit, at the limits)', form)).toBeLessThan(MAX_CARD_CHARS);
    const inputs = Object.fromEntries(inputsOf(form).map((i) => [i.id, i]));
    expect(inputs.agenda!.value).toBe(AGENDA);
    expect(inputs.description!.value).toBe(DESCRIPTION);
    for (const i of Object.values(inputs)) if (typeof i.value === 'string' && i.node.maxLength !== undefined) expect(i.value.length).toBeLessThanOrEqual(Number(i.node.maxLength));
  });

  it('refuses an agenda longer than the form holds, and saves nothing', async () => {
    const before = (await repos.sessions.sessions.get(group, SID))?.etag;
    const refused = JSON.stringify(await saveSession({ agenda: `${AGENDA}\n${'x'.repeat(SESSION_LIMITS.agenda)}`.slice(0, SESSION_LIMITS.agenda + 1) }));
    expect(refused).not.toContain(en('sessions.card.saved'));
    expect((await repos.sessions.sessions.get(group, SID))?.etag).toBe(before);
  });

  it('a session stored under the old limits (many ids per agenda item) still shows, ids counted past six', async () => {
    const stored = await repos.sessions.sessions.get(group, SID);
    await repos.sessions.sessions.create({
      ...stored!.value,
      id: OLD_SID,
      startsAt: new Date('2027-04-10T07:00:00Z'),
      endsAt: new Date('2027-04-10T11:00:00Z'),
      onlineUrl: undefined,
      // As many ids as a stored row holds (Azure Tables: 32K characters a property), on shorter titles.
      agenda: stored!.value.agenda.map((a, i) => ({
        title: a.title.slice(0, 100),
        presenter: a.presenter!.slice(0, 50),
        minutes: 30,
        actionItemIds: Array.from({ length: 30 }, (_, j) => `A-${i * 30 + j + 1}`),
        pollIds: Array.from({ length: 10 }, (_, j) => `p${String(j).padStart(16, '0')}`),
      })),
    });
    const card = await execute('sofia', 'session.view', { sessionId: OLD_SID });
    expect(measure('session card (old limits: 30 items and 10 polls per agenda item)', card)).toBeLessThan(MAX_CARD_CHARS);
    expect(JSON.stringify(card)).toContain(en('sessions.card.moreIds', { count: 24 }));
  });

  describe('the meeting of that session', () => {
    beforeAll(async () => {
      // A dozen open polls of the session, 20 options of the maximum length each.
      for (let p = 0; p < 12; p++) {
        const options = Array.from({ length: 20 }, (_, o) => pad(`Option ${o + 1} du sondage ${p + 1} — `, 200)).join('\n');
        await execute('amina', 'poll.create', {
          pollId: `p${String(p + 1).padStart(16, '0')}`,
          question: pad(`Question ${p + 1} : quelle option retenir pour le budget 2028 ? `, 500),
          options,
          kind: 'single',
          anonymous: 'false',
          visibility: 'live',
          closesDate: '2027-03-12',
          closesTime: '17:00',
          sessionId: SID,
        });
      }
    }, 300_000);

    it('start: the agenda card in the meeting chat fits, lists the agenda, counts the polls past ten and links to the tab', async () => {
      clock.at = new Date('2027-03-10T08:02:30Z');
      connector.clear();
      await service.post(loadMeeting('meeting-start', { serviceUrl: connector.url }));
      const [card] = meetingPosts();
      expect(card).toBeDefined();
      expect(measure('meeting agenda (40 agenda items, 12 open polls)', JSON.parse(card!))).toBeLessThan(MAX_CARD_CHARS);
      expect(card).toContain('Point 40 — examen');
      expect(card).toContain(JSON.stringify(en('meetings.more', { count: 2 })).slice(1, -1));
      expect(card).toContain(TAB);
    });

    it('end: the summary of a busy session fits, counts what it leaves out and links to the tab', async () => {
      clock.at = new Date('2027-03-10T09:30:00Z');
      for (let d = 0; d < 30; d++)
        await submitAndRecord((verb, data) => execute('amina', verb, data), {
          title: pad(`Décision ${d + 1} : adopter la recommandation `, 200),
          text: 'Adoptée.',
          sessionId: SID,
          decidedAt: '2027-03-10',
        });
      const during: ItemSeed[] = Array.from({ length: 90 }, (_, i) => ({ title: itemTitle(100 + i, 200), status: 'open', progress: 0 }));
      await seedItems(repos.workPlan.items, group, during, USERS.amina.aadObjectId, clock.at.toISOString());
      for (const v of (await repos.workPlan.items.listVersioned(group)).filter((x) => x.value.number > 80)) {
        await repos.workPlan.items.update(
          { ...v.value, status: 'done', progress: 100, doneAt: clock.at.toISOString() },
          v.etag,
          [{ at: clock.at.toISOString(), by: USERS.amina.aadObjectId, byName: 'Amina Diallo', field: 'status', from: 'open', to: 'done' }],
          v.value,
        );
      }
      clock.at = new Date('2027-03-10T12:00:00Z');
      connector.clear();
      await service.post(loadMeeting('meeting-end', { serviceUrl: connector.url }));
      const [card] = meetingPosts();
      expect(card).toBeDefined();
      expect(measure('meeting summary (30 decisions, 90 items created, 60 closed, 12 polls of 20 options)', JSON.parse(card!))).toBeLessThan(MAX_CARD_CHARS);
      expect(card).toContain('D-2027-001');
      expect(card).toMatch(/… and \d+ more: see the Quorum tab/);
      expect(card).toContain(TAB);
    });
  });
});
