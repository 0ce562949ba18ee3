import { startBotConnector, type BotConnector } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS, type UserKey } from '../fixtures/activities';
import { startTestService, type TestService } from '../support/service';
import { readCsv } from '../support/csv';
import { seedItems } from '../support/group-at-size';
import { testRepositories, testStorageConnection } from '../support/storage';
import { openTables } from '../../bot/src/features/storage';
import { submitAndRecord } from '../support/decision-confirm';

// Real storage and HTTP: give each hook and test room on a busy machine.
jest.setTimeout(60_000);

/** Text in the scripts the groups write in, with what RFC 4180 must quote (comma, quote). */
const WORLD = ['Révision « été », déjà vu', 'مراجعة خطة العمل "الجديدة"', '审查工作计划，第二阶段', 'Launch 🚀👩🏽‍💻 🇺🇳'];
/** What a spreadsheet would run, and what some skip before running the rest (OWASP's list). */
const FORMULAS = ['=HYPERLINK("http://evil")', '+1+1', '-2+3', '@SUM(A1)', '\t=1+1', '\rcmd'];
const SID = 's00000000000c5e01';
const SESSION_TITLE = 'Séance plénière — 审查 🚀';

/**
 * Every CSV the service serves, downloaded over HTTP and read by a strict RFC 4180 reader
 * (csv-parse: CRLF records, no ragged row, no stray quote): each starts with a UTF-8 BOM,
 * has the header's width on every row, brings back the text it was given in any script, and
 * holds no cell a spreadsheet would evaluate.
 */
describe('CSV exports: fit for Excel and for strict readers', () => {
  let connector: BotConnector;
  let service: TestService;
  const now = new Date('2027-03-10T09:00:00Z');
  const polls: Record<'named' | 'counts' | 'availability', string> = { named: 'p0000000000c5e0a1', counts: 'p0000000000c5e0a2', availability: 'p0000000000c5e0a3' };

  const execute = async (from: UserKey, verb: string, data: Record<string, unknown>) =>
    JSON.stringify((await service.post(loadActivity('invoke-adaptive-card-action', { serviceUrl: connector.url, from, cardAction: { verb, data: { teamId: TEAM.id, ...data } } }))).body);
  const api = async (path: string, who: UserKey = 'amina', opts: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${service.url}/api/tab/${path}`, {
      method: opts.method ?? 'GET',
      headers: { 'X-Quorum-Dev-User': `${TENANT_ID}:${USERS[who].aadObjectId}`, 'X-Quorum-Team': TEAM.id, ...(opts.body ? { 'content-type': 'application/json' } : {}) },
      ...(opts.body ? { body: JSON.stringify(opts.body) } : {}),
    });
    // The bytes, not `res.text()`: a decoder would drop the BOM this test looks for.
    const bytes = Buffer.from(await res.arrayBuffer());
    return { status: res.status, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '', bytes, body: bytes.toString('utf8') };
  };

  beforeAll(async () => {
    connector = await startBotConnector();
    connector.setTeam({ id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId });
    const roster = (['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u));
    connector.setMembers(TEAM.id, roster);
    connector.setMembers(TEAM.selectedChannel.id, roster);
    service = await startTestService({ INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId}` }, { clock: { now: () => now } });
    await service.post(loadActivity('bot-added-to-team', { serviceUrl: connector.url }));

    const saved = await execute('amina', 'session.save', {
      sessionId: SID,
      title: SESSION_TITLE,
      startDate: '2027-03-10',
      startTime: '09:00',
      endDate: '',
      endTime: '13:00',
      timeZone: 'Europe/Zurich',
      place: WORLD[0],
      agenda: `${WORLD[1]} | ${WORLD[2]} | 30\n${WORLD[3]} | =cmd | 10`,
    });
    expect(saved).toContain('Session saved');
    for (const [n, title] of [...WORLD, ...FORMULAS.slice(0, 4)].entries()) {
      const res = await api('items', 'amina', { method: 'POST', body: { title, description: FORMULAS[n % 4], area: WORLD[n % WORLD.length], sessionId: SID } });
      expect(res.status).toBe(201);
    }
    // Every input path trims, so a leading tab or CR reaches storage only another way (an
    // older version, a repair): the writer does not count on the input paths.
    const items = testRepositories(openTables({ kind: 'connection-string', connectionString: testStorageConnection() }, service.tablePrefix)).workPlan.items;
    const group = { tenantId: TENANT_ID, teamId: TEAM.id };
    const by = USERS.amina.aadObjectId;
    await seedItems(
      items,
      group,
      [
        { title: FORMULAS[4]!, description: FORMULAS[5]!, status: 'open', progress: 0 },
        { title: FORMULAS[5]!, description: FORMULAS[4]!, status: 'open', progress: 0 },
      ],
      by,
      now.toISOString(),
    );
    for (const d of [WORLD[0], FORMULAS[0]])
      expect(await submitAndRecord((verb, data) => execute('amina', verb, data), { title: d, text: `${WORLD[2]}\n${FORMULAS[3]}`, sessionId: SID, decidedAt: '2027-03-10' })).toContain('D-2027-00');

    const options = [...WORLD, ...FORMULAS.slice(0, 4)].join('\n');
    const create = (pollId: string, fields: Record<string, string>) =>
      execute('amina', 'poll.create', { pollId, question: WORLD[1], options, kind: 'single', visibility: 'live', closesDate: '2027-03-20', closesTime: '17:00', sessionId: SID, ...fields });
    expect(await create(polls.named, { anonymous: 'false' })).toContain('poll');
    expect(await create(polls.counts, { anonymous: 'true' })).toContain('poll');
    expect(await create(polls.availability, { anonymous: 'true', kind: 'availability' })).toContain('poll');
    for (const [who, choice] of [
      ['lars', 'o0'],
      ['sofia', 'o5'],
      ['amina', 'o3'],
    ] as const) {
      await execute(who, 'poll.vote', { pollId: polls.named, choice });
      await execute(who, 'poll.vote', { pollId: polls.counts, choice });
    }
    const answers = ['yes', 'maybe', 'no'];
    for (const [k, who] of (['lars', 'sofia'] as const).entries()) {
      await execute(who, 'poll.vote', { pollId: polls.availability, ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`o${i}`, answers[(i + k) % 3]])) });
    }
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await connector?.stop();
  });

  /** The checks every served CSV passes; returns its rows for the checks of its own. */
  async function strictCsv(path: string, who: UserKey = 'amina'): Promise<{ rows: string[][]; disposition: string }> {
    const res = await api(path, who);
    expect({ path, status: res.status, type: res.type }).toEqual({ path, status: 200, type: 'text/csv; charset=utf-8' });
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Every line break between records is CRLF; a line break inside a quoted cell is LF alone.
    expect(res.body.endsWith('\r\n')).toBe(true);
    const rows = readCsv(res.body);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.filter((r) => r.length !== rows[0]!.length)).toEqual([]);
    expect(rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    return { rows, disposition: res.disposition };
  }

  const cells = (rows: string[][]) => new Set(rows.flat());
  const expectCells = (rows: string[][], texts: readonly string[]) => {
    const have = cells(rows);
    for (const text of texts) expect({ text, found: have.has(text) }).toEqual({ text, found: true });
  };
  /** What a formula cell reads as once neutralised: an apostrophe first (a tab shown as a space, a CR as a line break). */
  const neutralised = (text: string) => `'${text.replace(/\t/g, ' ').replace(/\r/g, '\n')}`;

  it('the work-plan export: every item, its text intact, no formula', async () => {
    const { rows, disposition } = await strictCsv('items.csv');
    expect(disposition).toBe('attachment; filename="action-items.csv"');
    expect(rows).toHaveLength(1 + WORLD.length + FORMULAS.length);
    expectCells(rows, WORLD);
    expectCells(rows, FORMULAS.map(neutralised));
  });

  it('a named poll: one row per vote, option texts in every script', async () => {
    const { rows } = await strictCsv(`polls/${polls.named}/csv`);
    expect(rows[0]).toEqual(['voter', 'option', 'answer']);
    const chosen = { amina: WORLD[3]!, lars: WORLD[0]!, sofia: neutralised(FORMULAS[1]!) };
    expect(
      rows
        .slice(1)
        .map((r) => r.slice(0, 2))
        .sort(),
    ).toEqual(
      Object.entries(chosen)
        .map(([who, option]) => [USERS[who as UserKey].name, option])
        .sort(),
    );
  });

  it('an anonymous poll: counts, and a voters row as wide as the header', async () => {
    const { rows } = await strictCsv(`polls/${polls.counts}/csv`);
    expect(rows[0]).toEqual(['option', 'votes', 'percent']);
    expectCells(rows, [...WORLD, ...FORMULAS.slice(0, 4).map(neutralised)]);
    expect(rows.at(-1)).toEqual(['voters', '3', '']);
  });

  it('an anonymous availability poll: yes, maybe and no per option, and a voters row of four fields (it had three)', async () => {
    const { rows, disposition } = await strictCsv(`polls/${polls.availability}/csv`);
    expect(disposition).toBe(`attachment; filename="poll-${polls.availability}.csv"`);
    expect(rows[0]).toEqual(['option', 'yes', 'maybe', 'no']);
    expect(rows[1]).toEqual([WORLD[0], '1', '1', '0']);
    expect(rows[2]).toEqual([WORLD[1], '0', '1', '1']);
    expect(rows.at(-1)).toEqual(['voters', '2', '', '']);
  });

  it('the session report: a file name in its own script (RFC 5987), every section as wide as the header', async () => {
    const { rows, disposition } = await strictCsv(`reports/session/${SID}/csv`, 'sofia');
    const name = 'session-report-2027-03-10-Séance-plénière-审查.csv';
    const [, fallback, encoded] = /^attachment; filename="([^"]*)"; filename\*=UTF-8''(\S+)$/.exec(disposition) ?? [];
    expect({ fallback, name: decodeURIComponent(encoded ?? '') }).toEqual({ fallback: name.replace(/[^A-Za-z0-9._-]/g, '_'), name });
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['section', 'session', 'agenda', 'decision', 'poll', 'item-created']));
    expectCells(rows, [SESSION_TITLE, ...WORLD, `${WORLD[2]}\n${FORMULAS[3]}`, "'=cmd", neutralised(FORMULAS[0]!)]);
    // The availability poll's rows carry its maybe and no counts in their own columns.
    const availability = rows.filter((r) => r[1] === polls.availability);
    expect(availability.map((r) => r.slice(7, 11))).toEqual(expect.arrayContaining([[WORLD[0], '1', '1', '0']]));
  });

  it('the yearly report: decisions and the work-plan by area, in every script', async () => {
    const { rows } = await strictCsv('reports/year/2027/csv', 'lars');
    expectCells(rows, [...WORLD, neutralised(FORMULAS[0]!)]);
    expect(
      rows
        .filter((r) => r[0] === 'by-area')
        .map((r) => r[1])
        .sort(),
    ).toEqual(['', ...WORLD].sort()); // the seeded items have no area
  });
});
