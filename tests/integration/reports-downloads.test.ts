import { startBotConnector, type BotConnector } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS, type UserKey } from '../fixtures/activities';
import { cardsIn, textsIn } from '../support/bot-harness';
import { startTestService, type TestService } from '../support/service';
import { testStorageConnection, testRepositories } from '../support/storage';
import { openTables } from '../../bot/src/features/storage';
import { escapeHtml, escapeMarkdown } from '../../bot/src/kernel/text-escape';
import { SESSION_CSV_HEADER, YEAR_CSV_HEADER } from '../../bot/src/features/reports/domain/render-csv';
import en from '../../bot/src/features/reports/locales/en.json';
import fr from '../../bot/src/features/reports/locales/fr.json';
import { readCsv } from '../support/csv';
import { submitAndRecord } from '../support/decision-confirm';

// Real storage and HTTP: give each hook and test room on a busy machine.
jest.setTimeout(60_000);

const R = en.reports;
const SID = 's0123456789abcdef';
const SESSION_TITLE = 'Plenary <script>alert(1)</script> ${x} **x**';
const D1 = { title: 'Adopt the <b>MFA</b> baseline', text: 'All members enforce MFA.\n=CMD()' };
const D2 = { title: '=SUM(A1) budget', text: 'Budget kept at **100k**.' };

/** A row of the session CSV from the columns it fills (the others empty). */
const srow = (v: Partial<Record<(typeof SESSION_CSV_HEADER)[number], string | number>>) => SESSION_CSV_HEADER.map((c) => (v[c] === undefined ? '' : String(v[c])));

describe('reports: downloaded over HTTP, equal to the data that produced them', () => {
  let connector: BotConnector;
  let service: TestService;
  let now = new Date('2027-03-01T09:00:00Z');

  const execute = async (from: UserKey, verb: string, data: Record<string, unknown>) =>
    JSON.stringify((await service.post(loadActivity('invoke-adaptive-card-action', { serviceUrl: connector.url, from, cardAction: { verb, data: { teamId: TEAM.id, ...data } } }))).body);
  const say = async (from: UserKey, text: string) => {
    connector.clear();
    await service.post(loadActivity('channel-message-mention', { serviceUrl: connector.url, from, text }));
    return { cards: cardsIn(connector.activities()), texts: textsIn(connector.activities()) };
  };
  const api = async (path: string, who: UserKey = 'sofia', opts: { team?: string; method?: string; body?: unknown; lang?: string } = {}) => {
    const res = await fetch(`${service.url}/api/tab/${path}`, {
      method: opts.method ?? 'GET',
      headers: {
        'X-Quorum-Dev-User': `${TENANT_ID}:${USERS[who].aadObjectId}`,
        'X-Quorum-Team': opts.team ?? TEAM.id,
        ...(opts.lang ? { 'Accept-Language': opts.lang } : {}),
        ...(opts.body ? { 'content-type': 'application/json' } : {}),
      },
      ...(opts.body ? { body: JSON.stringify(opts.body) } : {}),
    });
    return { status: res.status, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '', body: await res.text() };
  };
  const newItem = async (body: Record<string, unknown>) => {
    const res = await api('items', 'amina', { method: 'POST', body });
    expect(res.status).toBe(201);
    return (JSON.parse(res.body) as { item: { ref: string } }).item.ref;
  };
  const pollIds: string[] = [];
  const refs: Record<string, string> = {};

  beforeAll(async () => {
    connector = await startBotConnector();
    connector.setTeam({ id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId });
    const roster = (['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u));
    connector.setMembers(TEAM.id, roster);
    connector.setMembers(TEAM.selectedChannel.id, roster);
    service = await startTestService({ INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId}` }, { clock: { now: () => now } });
    await service.post(loadActivity('bot-added-to-team', { serviceUrl: connector.url }));

    // The session: 09:00–13:00 in Zurich = 08:00–12:00 UTC.
    const saved = await execute('amina', 'session.save', {
      sessionId: SID,
      title: SESSION_TITLE,
      startDate: '2027-03-10',
      startTime: '09:00',
      endDate: '',
      endTime: '13:00',
      timeZone: 'Europe/Zurich',
      place: 'Geneva, Room =A1',
      agenda: 'Work-plan review | Co-chairs | 45\n=CMD() | @ops | 10',
    });
    expect(saved).toContain('Session saved');

    // Before the session: items, one already done; two polls with votes.
    refs.linked = await newItem({ title: 'Rotate <script> keys', area: 'Identity', organisation: 'ITU', sessionId: SID });
    refs.toClose = await newItem({ title: '=HYPERLINK("http://evil")', area: 'Network', organisation: 'ENISA' });
    refs.open = await newItem({ title: 'Inventory', area: 'identity' });
    refs.doneBefore = await newItem({ title: 'Kick-off' });
    expect(await execute('amina', 'workplan.item.done', { itemId: Number(refs.doneBefore.slice(2)) })).not.toContain('error');
    for (const [anonymous, question, options, votes, visibility] of [
      ['false', 'Which budget option?', 'Keep\nCut\nGrow', { lars: 'o0', sofia: 'o1', amina: 'o0' }, 'live'],
      ['true', 'Meet in person?', 'Yes\nNo', { lars: 'o1', sofia: 'o1' }, 'live'],
      ['false', 'Chair rotation?', 'Now\nLater', { amina: 'o1' }, 'co-chairs'],
    ] as const) {
      const pollId = `p${String(pollIds.length).padStart(16, '0')}`;
      pollIds.push(pollId);
      const created = await execute('amina', 'poll.create', { pollId, question, options, kind: 'single', anonymous, visibility, closesDate: '2027-03-08', closesTime: '17:00', sessionId: SID });
      expect(created).toContain('poll');
      for (const [who, choice] of Object.entries(votes)) await execute(who as UserKey, 'poll.vote', { pollId, choice });
    }

    // During the session: one item closed, one progressed, one created; two decisions.
    now = new Date('2027-03-10T09:00:00Z');
    await execute('amina', 'workplan.item.done', { itemId: Number(refs.toClose.slice(2)) });
    await execute('amina', 'workplan.item.progress', { itemId: Number(refs.open.slice(2)), progress: '40' });
    now = new Date('2027-03-10T10:30:00Z');
    refs.during = await newItem({ title: 'Follow up on **MFA**' });
    for (const d of [D1, D2]) expect(await submitAndRecord((verb, data) => execute('amina', verb, data), { ...d, sessionId: SID, decidedAt: '2027-03-10' })).toContain('D-2027-00');
    now = new Date('2027-03-11T08:00:00Z');
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await connector?.stop();
  });

  it('session report, CSV: every row is the data that was entered, counts only for polls', async () => {
    const res = await api(`reports/session/${SID}/csv`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/csv; charset=utf-8');
    expect(res.disposition).toBe('attachment; filename="session-report-2027-03-10-Plenary-script-alert-1-script-x-x.csv"');
    expect(readCsv(res.body)).toEqual([
      [...SESSION_CSV_HEADER],
      srow({ section: 'session', reference: SID, title: SESSION_TITLE, status: 'planned', date: '2027-03-10T08:00:00.000Z', detail: 'Geneva, Room =A1' }),
      srow({ section: 'agenda', reference: 1, title: 'Work-plan review', detail: 'Co-chairs', minutes: 45 }),
      srow({ section: 'agenda', reference: 2, title: "'=CMD()", detail: "'@ops", minutes: 10 }),
      srow({ section: 'decision', reference: 'D-2027-001', title: D1.title, status: 'in-force', date: '2027-03-10', detail: D1.text }),
      srow({ section: 'decision', reference: 'D-2027-002', title: `'${D2.title}`, status: 'in-force', date: '2027-03-10', detail: D2.text }),
      srow({ section: 'poll', reference: pollIds[0]!, title: 'Which budget option?', status: 'closed', detail: 'named', option: 'Keep', votes: 2, percent: 67, voters: 3 }),
      srow({ section: 'poll', reference: pollIds[0]!, title: 'Which budget option?', status: 'closed', detail: 'named', option: 'Cut', votes: 1, percent: 33, voters: 3 }),
      srow({ section: 'poll', reference: pollIds[0]!, title: 'Which budget option?', status: 'closed', detail: 'named', option: 'Grow', votes: 0, percent: 0, voters: 3 }),
      srow({ section: 'poll', reference: pollIds[1]!, title: 'Meet in person?', status: 'closed', detail: 'anonymous', option: 'Yes', votes: 0, percent: 0, voters: 2 }),
      srow({ section: 'poll', reference: pollIds[1]!, title: 'Meet in person?', status: 'closed', detail: 'anonymous', option: 'No', votes: 2, percent: 100, voters: 2 }),
      // Results for co-chairs only: a member sees that it ran, not how.
      srow({ section: 'poll', reference: pollIds[2]!, title: 'Chair rotation?', status: 'closed-results-hidden', detail: 'named', voters: 1 }),
      srow({ section: 'item-created', reference: refs.linked!, title: 'Rotate <script> keys', status: 'open', date: '2027-03-01T09:00:00.000Z', progress: 0, area: 'Identity', organisation: 'ITU' }),
      srow({ section: 'item-created', reference: refs.during!, title: 'Follow up on **MFA**', status: 'open', date: '2027-03-10T10:30:00.000Z', progress: 0 }),
      srow({
        section: 'item-closed',
        reference: refs.toClose!,
        title: `'=HYPERLINK("http://evil")`,
        status: 'done',
        date: '2027-03-10T09:00:00.000Z',
        progress: 100,
        area: 'Network',
        organisation: 'ENISA',
      }),
    ]);
  });

  it('session report, Markdown and HTML: the same content, escaped for each, and no voter anywhere', async () => {
    const md = await api(`reports/session/${SID}/md`);
    expect(md.type).toBe('text/markdown; charset=utf-8');
    const lines = md.body.split('\n');
    for (const line of [
      `# ${escapeMarkdown(`Session report: ${SESSION_TITLE}`)}`,
      `Group: ${TEAM.name}  `,
      'When: 2027-03-10 09:00 – 2027-03-10 13:00 (Europe/Zurich)  ',
      'Place: Geneva, Room =A1  ',
      '1. Work-plan review — Co-chairs (45 min)',
      '2. \\=CMD() — \\@ops (10 min)',
      `### D-2027-001 — ${escapeMarkdown(D1.title)}`,
      '> All members enforce MFA.',
      '> \\=CMD()',
      `### D-2027-002 — \\=SUM(A1) budget`,
      '> Budget kept at \\*\\*100k\\*\\*.',
      'Named poll: results only · 3 of 3 voted',
      '| ★ Keep | 2 | 67 % |',
      '| Cut | 1 | 33 % |',
      '| Grow | 0 | 0 % |',
      'Anonymous poll: counts only · 2 of 3 voted',
      '| Yes | 0 | 0 % |',
      '| ★ No | 2 | 100 % |',
      `| ${refs.linked} | Rotate \\<script\\> keys | Open | 0 % | Identity | ITU | 2027-03-01 10:00 |`,
      `| ${refs.during} | Follow up on \\*\\*MFA\\*\\* | Open | 0 % |  |  | 2027-03-10 11:30 |`,
      `| ${refs.toClose} | \\=HYPERLINK("http\\://evil") | Done | 100 % | Network | ENISA | 2027-03-10 10:00 |`,
    ])
      expect({ line, found: lines.includes(line) }).toEqual({ line, found: true });
    expect(md.body).not.toContain('Kick-off'); // closed before the session, not linked to it

    const html = await api(`reports/session/${SID}/html`);
    expect(html.type).toBe('text/html; charset=utf-8');
    expect(html.disposition).toMatch(/filename="session-report-2027-03-10-.*\.html"/);
    expect(html.body).toContain(`<h1>${escapeHtml(`Session report: ${SESSION_TITLE}`)}</h1>`);
    expect(html.body).not.toMatch(/<script|<b>/);
    expect(html.body).toContain('<li>=CMD() — @ops (10 min)</li>');
    expect(html.body).toContain(`<h3>D-2027-001 — ${escapeHtml(D1.title)}</h3>`);
    expect(html.body).toContain('<tr><td>★ Keep</td><td class="n">2</td><td class="n">67 %</td></tr>');
    expect(html.body).toContain('<tr><td>★ No</td><td class="n">2</td><td class="n">100 %</td></tr>');
    expect(html.body).toContain(`<tr><td>${refs.toClose}</td><td>=HYPERLINK(&quot;http://evil&quot;)</td><td>Done</td>`);
    expect(html.body).toContain('@media print');

    // A co-chair sees the co-chairs-only results; a member was told they are hidden.
    expect(html.body).toContain(escapeHtml(R.poll.hidden));
    const chair = readCsv((await api(`reports/session/${SID}/csv`, 'amina')).body).filter((r) => r[1] === pollIds[2]);
    expect(chair.map((r) => [r[7], r[8], r[11]])).toEqual([
      ['Now', '0', '0'],
      ['Later', '1', '100'],
    ]);

    const csv = await api(`reports/session/${SID}/csv`);
    for (const body of [md.body, html.body, csv.body]) for (const u of ['amina', 'lars', 'sofia'] as const) expect(body).not.toContain(USERS[u].name);
    for (const body of [md.body, html.body, csv.body]) for (const u of ['amina', 'lars', 'sofia'] as const) expect(body).not.toContain(USERS[u].aadObjectId);
  });

  it('yearly report: the decisions of the year and the work-plan by status, area and organisation', async () => {
    const csv = await api('reports/year/2027/csv', 'lars');
    expect(csv.status).toBe(200);
    expect(csv.disposition).toMatch(/filename="yearly-report-2027-.*\.csv"/);
    const blank = (n: number) => new Array<string>(n).fill('');
    const width = YEAR_CSV_HEADER.length;
    // Items: linked (open 0), toClose (done 100), open (open 40), doneBefore (done 100), during (open 0).
    expect(readCsv(csv.body)).toEqual([
      [...YEAR_CSV_HEADER],
      ['decision', 'D-2027-001', D1.title, 'in-force', '2027-03-10', D1.text, ...blank(width - 6)],
      ['decision', 'D-2027-002', `'${D2.title}`, 'in-force', '2027-03-10', D2.text, ...blank(width - 6)],
      // section, key, title, status, date, detail, total, open, in-progress, blocked, done, dropped, average
      ['items', '', '', '', '', '', '5', '3', '0', '0', '2', '0', '48'],
      ['by-area', 'Identity', '', '', '', '', '2', '2', '0', '0', '0', '0', '20'],
      ['by-area', 'Network', '', '', '', '', '1', '0', '0', '0', '1', '0', '100'],
      ['by-area', '', '', '', '', '', '2', '1', '0', '0', '1', '0', '50'],
      ['by-organisation', 'ENISA', '', '', '', '', '1', '0', '0', '0', '1', '0', '100'],
      ['by-organisation', 'ITU', '', '', '', '', '1', '1', '0', '0', '0', '0', '0'],
      ['by-organisation', '', '', '', '', '', '3', '2', '0', '0', '1', '0', '47'],
    ]);
    const md = (await api('reports/year/2027/md')).body.split('\n');
    for (const line of [
      '# Yearly report 2027',
      '## Decisions of 2027',
      `### D-2027-002 — \\=SUM(A1) budget`,
      '| Items | Total | Open | In progress | Blocked | Done | Dropped | Average progress |',
      '| All items | 5 | 3 | 0 | 0 | 2 | 0 | 48 % |',
      '| Identity | 2 | 2 | 0 | 0 | 0 | 0 | 20 % |',
      '| (no area) | 2 | 1 | 0 | 0 | 1 | 0 | 50 % |',
      '| ENISA | 1 | 0 | 0 | 0 | 1 | 0 | 100 % |',
    ])
      expect({ line, found: md.includes(line) }).toEqual({ line, found: true });
    const html = await api('reports/year/2027/html', 'sofia', { lang: 'fr-FR' });
    expect(html.body).toContain('<html lang="fr">');
    expect(html.body).toContain(`<h1>${fr.reports.year.title.replace('{{year}}', '2027')}</h1>`);
    expect(html.body).toContain(
      '<tr><th scope="row">Identity</th><td class="n">2</td><td class="n">2</td><td class="n">0</td><td class="n">0</td><td class="n">0</td><td class="n">0</td><td class="n">20 %</td></tr>',
    );
    // Another year: nothing of 2027.
    const other = await api('reports/year/2026/csv');
    expect(readCsv(other.body).filter((r) => r[0] === 'decision')).toEqual([]);
  });

  it("refuses bad years and formats with a catalogued message, and other teams' data", async () => {
    for (const path of ['reports/year/20x7/md', 'reports/year/1999/csv', 'reports/year/20270/html']) {
      const res = await api(path);
      expect({ path, status: res.status, body: JSON.parse(res.body) as unknown }).toEqual({ path, status: 400, body: { error: { code: 'validation', message: R.errors.badYear } } });
    }
    for (const path of ['reports/year/2027/pdf', `reports/session/${SID}/docx`]) {
      const res = await api(path);
      expect({ path, status: res.status, body: JSON.parse(res.body) as unknown }).toEqual({ path, status: 400, body: { error: { code: 'validation', message: R.errors.badFormat } } });
    }
    // Another team's session, in the same storage: not visible from this team.
    const tables = openTables({ kind: 'connection-string', connectionString: testStorageConnection() }, service.tablePrefix);
    const sessions = testRepositories(tables).sessions.sessions;
    const stored = (await sessions.get({ tenantId: TENANT_ID, teamId: TEAM.id }, SID))!.value;
    await sessions.create({ ...stored, teamId: '19:other-team@thread.tacv2', id: 'sffffffffffffffff', title: 'Secret session' });
    const foreign = await api('reports/session/sffffffffffffffff/md');
    expect(foreign.status).toBe(404);
    expect(JSON.parse(foreign.body)).toEqual({ error: { code: 'not-found', message: R.errors.sessionNotFound } });
    expect(foreign.body).not.toContain('Secret');
    // Asking as another team the caller does not belong to.
    const res = await api(`reports/session/${SID}/md`, 'sofia', { team: '19:other-team@thread.tacv2' });
    expect([403, 404]).toContain(res.status);
    expect(res.body).not.toContain('Plenary');
  });

  it('answers `report session` and `report 2027` in chat with a summary and links to the tab', async () => {
    const session = await say('lars', 'report session');
    const card = session.cards[0]!;
    for (const text of [R.card.sessionHeading, 'Decisions: 2', 'Polls: 3', 'Action items created: 2', 'Action items closed: 1', 'Agenda items: 2']) expect(card).toContain(text);
    expect(card).toContain(JSON.stringify({ type: 'TextRun', text: SESSION_TITLE, size: 'Large', weight: 'Bolder' }));
    const urls = [...card.matchAll(/"url":"([^"]+)"/g)].map((m) => new URL(m[1]!));
    expect(urls.map((u) => [u.pathname, u.searchParams.get('view'), u.searchParams.get('report'), u.searchParams.get('session'), u.searchParams.get('format'), u.searchParams.get('team')])).toEqual(
      ['md', 'csv', 'html'].map((f) => ['/tab/index.html', 'reports', 'session', SID, f, TEAM.id]),
    );
    const year = await say('sofia', 'report 2027');
    expect(year.cards[0]).toContain('Decisions: 2');
    expect(year.cards[0]).toContain('Action items of the year: 5 (done: 2, average progress 48 %)');
    expect(year.cards[0]).toContain('"type":"Action.OpenUrl"');
    const bad = await say('sofia', 'report 1200');
    expect(bad.texts.join(' ') + bad.cards.join(' ')).toContain(R.errors.badYear);
    const usage = await say('sofia', 'report everything');
    expect(usage.texts.join(' ') + usage.cards.join(' ')).toContain(R.errors.usage);
  });
});
