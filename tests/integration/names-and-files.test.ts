import { startBotConnector, type BotConnector } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { icsValue, parseIcsStrictly } from '../support/ics-lines';
import { startTestService, type TestService } from '../support/service';
import { testStorageConnection } from '../support/storage';
import { openTables } from '../../bot/src/features/storage';
import { createRepositories } from '../../bot/src/platform/storage/repositories';
import type { Repositories } from '../../bot/src/kernel/ports';

/** What a hostile or careless team owner can type as the team's name in Teams. */
const EVIL_TEAM = 'Working Group\r\nEND:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:forged@example\r\nSUMMARY:Injected\r\nEND:VEVENT\u0000';
const EVIL_MEMBER = 'Sofia\r\nInjected,"=HYPERLINK(""http://x"")"\u0007';
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const SESSION_ID = 's0123456789abcdef';

/** Names that come from Teams are stored plain, and the session's .ics is RFC 5545 line by line. */
describe('names from outside, and the files built from them', () => {
  let connector: BotConnector;
  let service: TestService;
  let repos: Repositories;
  const group = { tenantId: TENANT_ID, teamId: TEAM.id };
  const fields = {
    title: 'Executive session 2027',
    startDate: '2027-02-15',
    startTime: '09:30',
    endDate: '2027-02-15',
    endTime: '17:00',
    timeZone: 'Europe/Zurich',
    place: 'Palais des Nations',
    onlineUrl: '',
    description: 'Yearly session',
    agenda: 'Work-plan review | Co-chairs | 45',
  };
  const send = (verb: string, data: Record<string, unknown>) =>
    service.post(loadActivity('invoke-adaptive-card-action', { serviceUrl: connector.url, from: 'amina', cardAction: { verb, data: { teamId: TEAM.id, ...data } } }));
  const ics = async () => {
    const res = await fetch(`${service.url}/api/tab/sessions/${SESSION_ID}/ics`, { headers: { 'X-Quorum-Dev-User': `${TENANT_ID}:${USERS.sofia.aadObjectId}`, 'X-Quorum-Team': TEAM.id } });
    expect(res.status).toBe(200);
    return res.text();
  };

  beforeAll(async () => {
    connector = await startBotConnector();
    connector.setTeam({ id: TEAM.id, name: EVIL_TEAM, aadGroupId: TEAM.aadGroupId });
    const roster = [teamsChannelAccount('amina'), { ...teamsChannelAccount('sofia'), name: EVIL_MEMBER }];
    connector.setMembers(TEAM.id, roster);
    service = await startTestService({ INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId}` });
    await service.post(loadActivity('bot-added-to-team', { serviceUrl: connector.url, team: { name: EVIL_TEAM } }));
    repos = createRepositories(openTables({ kind: 'connection-string', connectionString: testStorageConnection() }, service.tablePrefix));
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
    await connector?.stop();
  });

  it('stores the team name and member names from Teams without control characters', async () => {
    const stored = (await repos.groups.get(group))!.value;
    expect(stored.name).not.toMatch(CONTROL);
    expect(stored.name).toBe('Working Group END:VCALENDAR BEGIN:VEVENT UID:forged@example SUMMARY:Injected END:VEVENT');
    const sofia = (await repos.members.get(group, USERS.sofia.aadObjectId))!.value;
    expect(sofia.name).not.toMatch(CONTROL);
    expect(sofia.name).toBe('Sofia Injected,"=HYPERLINK(""http://x"")"');
  });

  it('writes a session .ics with one event, CRLF line ends and folding, and a SEQUENCE that grows with each change', async () => {
    expect(JSON.stringify((await send('session.save', { sessionId: SESSION_ID, ...fields })).body)).toContain('saved');
    const first = await ics();
    const cal = parseIcsStrictly(first);
    expect(cal.components.map((c) => c.name)).toEqual(['VEVENT']);
    const event = cal.components[0]!;
    expect(icsValue(event, 'UID')).toBe(`${SESSION_ID}@quorum`);
    expect(icsValue(cal, 'X-WR-CALNAME')).toContain('SUMMARY:Injected');
    const seq1 = Number(icsValue(event, 'SEQUENCE'));

    const form = await send('session.form', { sessionId: SESSION_ID });
    const etag = JSON.parse(`"${/"etag":"((?:[^"\\]|\\.)*)"/.exec(JSON.stringify(form.body))![1]!}"`) as string;
    expect(JSON.stringify((await send('session.save', { sessionId: SESSION_ID, etag, ...fields, startTime: '10:00' })).body)).toContain('saved');
    const second = parseIcsStrictly(await ics()).components[0]!;
    expect(icsValue(second, 'DTSTART')).toBe('20270215T090000Z');
    expect(Number(icsValue(second, 'SEQUENCE'))).toBeGreaterThan(seq1);
  });
});
