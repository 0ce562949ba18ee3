import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TableClient, TableServiceClient } from '@azure/data-tables';
import { startBotConnector, type BotConnector } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS, type UserKey } from '../fixtures/activities';
import { loadMeeting, MEETING_THREAD } from '../fixtures/meetings';
import { cardsIn } from '../support/bot-harness';
import { startTestService, type TestService } from '../support/service';
import { testStorageConnection, testRepositories } from '../support/storage';
import { runPerson } from '../../bot/src/cli/person';
import { verifyGroupChain } from '../../bot/src/features/decisions/domain/find-decisions.use-case';
import { FORMER_MEMBER } from '../../bot/src/kernel/person-data';
import meetingsEn from '../../bot/src/features/meetings/locales/en.json';
import { openTables } from '../../bot/src/features/storage';
import { runCli } from '../support/cli';
import { submitAndRecord } from '../support/decision-confirm';

jest.setTimeout(90_000);

const LARS = USERS.lars;
const SOFIA = USERS.sofia;
const AMINA = USERS.amina;
const GROUP = { tenantId: TENANT_ID, teamId: TEAM.id };
/** Lars's session, and Amina's (each timed and linked to a meeting chat by its own co-chair). */
const SESSIONS = { lars: 's0123456789abcdef', amina: 's00000000000000a2' };
/** Amina's meeting: another chat thread than the fixtures' one, which Lars links. */
const AMINA_THREAD = '19:meeting_ZGVhZGJlZWYtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAy@thread.v2';

type Entity = Record<string, unknown> & { partitionKey: string; rowKey: string };

/** Every row of the service's tables, as stored (ETags and timestamps left out). */
async function allRows(prefix: string): Promise<Map<string, Entity>> {
  const cs = testStorageConnection();
  const service = TableServiceClient.fromConnectionString(cs, { allowInsecureConnection: true });
  const out = new Map<string, Entity>();
  for await (const t of service.listTables()) {
    if (!t.name?.startsWith(prefix)) continue;
    for await (const e of TableClient.fromConnectionString(cs, t.name, { allowInsecureConnection: true }).listEntities<Record<string, unknown>>()) {
      const { etag: _e, timestamp: _t, ...rest } = e as Entity & { etag?: unknown; timestamp?: unknown };
      out.set(`${t.name}|${e.partitionKey}|${e.rowKey}`, rest as Entity);
    }
  }
  return out;
}

const mentions = (row: unknown, user: { aadObjectId: string; id: string; name: string }) => {
  const text = JSON.stringify(row).toLowerCase();
  return [user.aadObjectId, user.id, user.name].some((s) => text.includes(s.toLowerCase()));
};

const cli = (args: string[], env: Record<string, string>) => runCli('bot/src/cli/person.ts', args, env, 40_000);

describe('npm run person -- export|erase: one person across every feature, on Azurite', () => {
  let connector: BotConnector;
  let service: TestService;
  let env: Record<string, string>;
  const now = new Date('2027-03-01T09:00:00Z');
  const items: Record<string, number> = {};
  const polls = { openNamed: 'p0000000000000001', closedNamed: 'p0000000000000002', anonymous: 'p0000000000000003', fromTab: '' };
  let before: Map<string, Entity>;

  const execute = async (from: UserKey, verb: string, data: Record<string, unknown>) =>
    JSON.stringify((await service.post(loadActivity('invoke-adaptive-card-action', { serviceUrl: connector.url, from, cardAction: { verb, data: { teamId: TEAM.id, ...data } } }))).body);
  const api = async (p: string, who: UserKey, method = 'GET', body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${service.url}/api/tab/${p}`, {
      method,
      headers: { 'X-Quorum-Dev-User': `${TENANT_ID}:${USERS[who].aadObjectId}`, 'X-Quorum-Team': TEAM.id, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const newItem = async (who: UserKey, body: Record<string, unknown>) => Number(String(((await api('items', who, 'POST', body)).item as { ref: string }).ref).slice(2));
  const run = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runPerson(argv, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const exportOf = async (user: string) => {
    const r = await run(['export', '--tenant', TENANT_ID, '--user', user]);
    expect(r.code).toBe(0);
    return JSON.parse(r.out) as { features: Record<string, Record<string, unknown[]>> };
  };
  type LiveJson = { live: { current: number; running: boolean; elapsedMs: number[] }; etag: string };
  /** A co-chair moves a session's agenda timer from the tab, as its session view does (ETag of the last read). */
  const moveTimer = async (who: UserKey, sessionId: string, currentItem: number, running: boolean) => {
    const { etag } = (await api(`sessions/${sessionId}/live`, who)) as LiveJson;
    return (await api(`sessions/${sessionId}/live`, who, 'PUT', { currentItem, running }, etag ? { 'if-match': etag } : {})) as LiveJson;
  };
  /** `session link <id>` typed in a meeting chat. */
  const linkMeeting = async (who: UserKey, thread: string, sessionId: string) => {
    connector.clear();
    expect((await service.post(loadMeeting('meeting-chat-message', { serviceUrl: connector.url, from: who, thread, text: `session link ${sessionId}` }))).status).toBeLessThan(300);
    expect(cardsIn(connector.activities()).join('')).toContain(meetingsEn.meetings.link.done);
  };
  const tally = async (pollId: string) => (await api(`polls/${pollId}`, 'amina')) as { results?: unknown };
  const pollRows = async (pollId: string) => {
    const rows = [...(await allRows(service.tablePrefix)).entries()].filter(([k]) => k.startsWith(`${service.tablePrefix}Polls|`) && k.includes(pollId));
    const shards = rows.filter(([k]) => k.includes('|shard|')).map(([, r]) => r);
    const sum = { voters: 0, counts: [] as number[] };
    for (const s of shards) {
      sum.voters += Number(s.voters);
      (JSON.parse(String(s.counts)) as number[]).forEach((c, i) => (sum.counts[i] = (sum.counts[i] ?? 0) + c));
    }
    const votes = rows.filter(([k]) => /\|vote\|/.test(k)).map(([, r]) => r);
    const markers = rows.filter(([k]) => /\|voted\|/.test(k)).map(([, r]) => r);
    return { sum, votes, markers };
  };

  beforeAll(async () => {
    connector = await startBotConnector();
    connector.setTeam({ id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId });
    const roster = (['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u));
    connector.setMembers(TEAM.id, roster);
    connector.setMembers(TEAM.selectedChannel.id, roster);
    service = await startTestService({ INITIAL_CO_CHAIRS: `${TENANT_ID}:${AMINA.aadObjectId}` }, { clock: { now: () => now } });
    env = { STORAGE_CONNECTION_STRING: testStorageConnection(), STORAGE_TABLE_PREFIX: service.tablePrefix, INITIAL_CO_CHAIRS: `${TENANT_ID}:${AMINA.aadObjectId}` };

    // Lars adds Quorum to the team (the channel's stored reference names him) and to his own chat.
    expect((await service.post(loadActivity('bot-added-to-team', { serviceUrl: connector.url, from: 'lars' }))).status).toBeLessThan(300);
    for (const who of ['lars', 'sofia'] as const) await service.post(loadActivity('installation-update-add-personal', { serviceUrl: connector.url, from: who }));
    await api(`cochairs/${LARS.aadObjectId}`, 'amina', 'PUT', { coChair: true });

    // Work-plan: organisations, items owned / created / handed over / noted.
    const { settings: s } = (await api('settings', 'amina')) as { settings: Record<string, unknown> };
    const keep = ['timeZone', 'digestDay', 'digestTime', 'dueSoonDays', 'overdueCadence', 'escalateAfter', 'workingDays'];
    await api('settings', 'amina', 'PUT', { ...Object.fromEntries(keep.map((k) => [k, s[k]])), organisations: ['ITU', 'WHO'] });
    expect(await execute('amina', 'workplan.settings.member-org', { memberId: LARS.aadObjectId, memberOrganisation: 'ITU' })).toContain('ITU');
    expect(await execute('amina', 'workplan.settings.member-org', { memberId: SOFIA.aadObjectId, memberOrganisation: 'WHO' })).toContain('WHO');
    items.larsOwn = await newItem('lars', { title: 'Rotate keys', ownerId: LARS.aadObjectId, due: '2027-03-20' });
    items.larsForSofia = await newItem('lars', { title: 'Review logs', ownerId: SOFIA.aadObjectId });
    items.handedOver = await newItem('amina', { title: 'Patch servers', ownerId: LARS.aadObjectId });
    items.noted = await newItem('amina', { title: 'Write policy', ownerId: LARS.aadObjectId, due: '2027-03-25' });
    items.sofiaOnly = await newItem('sofia', { title: 'Inventory', ownerId: SOFIA.aadObjectId, due: '2027-03-22' });
    const handed = (await api(`items/A-${items.handedOver}`, 'amina')) as { etag: string };
    await api(`items/A-${items.handedOver}`, 'amina', 'PATCH', { ownerId: SOFIA.aadObjectId, etag: handed.etag });
    const noted = (await api(`items/A-${items.noted}`, 'lars')) as { etag: string };
    await api(`items/A-${items.noted}`, 'lars', 'PATCH', { note: 'Draft shared', progress: 30, etag: noted.etag });

    // A session and a decision recorded by Lars (and one by Amina).
    const agenda = 'Opening | Co-chairs | 15\nBudget | WHO | 30';
    expect(
      await execute('lars', 'session.save', {
        sessionId: SESSIONS.lars,
        title: 'Spring plenary',
        startDate: '2027-03-10',
        startTime: '09:00',
        endDate: '',
        endTime: '12:00',
        timeZone: 'Europe/Zurich',
        agenda,
      }),
    ).toContain('Session saved');
    expect(
      await execute('amina', 'session.save', {
        sessionId: SESSIONS.amina,
        title: 'Autumn plenary',
        startDate: '2027-09-10',
        startTime: '09:00',
        endDate: '',
        endTime: '12:00',
        timeZone: 'Europe/Zurich',
        agenda,
      }),
    ).toContain('Session saved');
    // Each co-chair runs their session's agenda timer from the tab and links a meeting chat to it.
    await moveTimer('lars', SESSIONS.lars, 0, true);
    expect((await moveTimer('lars', SESSIONS.lars, 1, false)).live).toMatchObject({ current: 1, running: false });
    await moveTimer('amina', SESSIONS.amina, 1, true);
    await linkMeeting('lars', MEETING_THREAD, SESSIONS.lars);
    await linkMeeting('amina', AMINA_THREAD, SESSIONS.amina);
    expect(await submitAndRecord((verb, data) => execute('lars', verb, data), { title: 'Adopt MFA', text: 'All members enforce MFA.', decidedAt: '2027-03-01' })).toContain('D-2027-001');
    expect(await submitAndRecord((verb, data) => execute('amina', verb, data), { title: 'Budget', text: 'Kept.', decidedAt: '2027-03-01' })).toContain('D-2027-002');

    // Polls: a named one Lars created (stays open), a named one Lars closes, an anonymous one.
    const poll = (pollId: string, who: UserKey, anonymous: boolean) =>
      execute(who, 'poll.create', {
        pollId,
        question: `Question ${pollId}`,
        options: 'Yes\nNo',
        kind: 'single',
        anonymous: String(anonymous),
        visibility: 'live',
        closesDate: '2027-03-20',
        closesTime: '17:00',
      });
    await poll(polls.openNamed, 'lars', false);
    await poll(polls.closedNamed, 'amina', false);
    await poll(polls.anonymous, 'amina', true);
    const votes: [string, UserKey, string][] = [
      [polls.openNamed, 'lars', 'o0'],
      [polls.openNamed, 'sofia', 'o1'],
      [polls.closedNamed, 'lars', 'o0'],
      [polls.closedNamed, 'sofia', 'o0'],
      [polls.closedNamed, 'amina', 'o1'],
      [polls.anonymous, 'lars', 'o1'],
      [polls.anonymous, 'sofia', 'o0'],
    ];
    for (const [pollId, who, choice] of votes) expect(await execute(who, 'poll.vote', { pollId, choice })).not.toContain('error');
    await execute('lars', 'poll.close', { pollId: polls.closedNamed });
    // And one Lars creates from the tab.
    const fromTab = (await api('polls', 'lars', 'POST', { question: 'Tab question', kind: 'single', options: ['Yes', 'No'], visibility: 'live', closesDate: '2027-03-20', closesTime: '17:00' })) as {
      poll: { id: string };
    };
    polls.fromTab = fromTab.poll.id;
    before = await allRows(service.tablePrefix);
  }, 180_000);

  afterAll(async () => {
    await service?.stop();
    await connector?.stop();
  });

  it('seeded Lars in every feature (the test stands on real data)', () => {
    const rows = [...before.entries()].filter(([, r]) => mentions(r, LARS)).map(([k]) => k.slice(service.tablePrefix.length).split('|')[0]);
    for (const table of ['Members', 'Memberships', 'Conversations', 'WorkItems', 'WorkPlanSettings', 'Jobs', 'Polls', 'DecisionPeople', 'Sessions', 'SessionLive', 'MeetingLinks'])
      expect(rows).toContain(table);
  });

  it('exports everything stored about Lars, and nothing that names anyone else', async () => {
    const doc = await exportOf(LARS.aadObjectId);
    const f = doc.features;
    const n = (feature: string, category: string) => f[feature]![category]!.length;
    expect([n('core', 'members'), n('core', 'memberships'), n('core', 'personalConversations'), n('core', 'channelsInstalledBy')]).toEqual([1, 1, 1, 1]);
    // The meeting chat he linked: its stored reference names him.
    expect(f['core']!['chatReferencesNamingThem']!.map((c) => (c as { conversationId: string }).conversationId)).toEqual([MEETING_THREAD]);
    expect(n('work-plan', 'itemsOwned')).toBe(2); // larsOwn, noted (handedOver went to Sofia)
    expect(n('work-plan', 'itemsCreated')).toBe(2); // larsOwn, larsForSofia
    expect(n('work-plan', 'organisation')).toBe(1);
    expect(n('work-plan', 'reminderJobs')).toBeGreaterThan(0);
    // His own entries (2 created + 1 note + 1 progress) and the ones naming him as owner (handed over).
    expect(n('work-plan', 'history')).toBeGreaterThanOrEqual(5);
    expect(f['polls']!['namedVotes']!.map((v) => (v as { pollId: string }).pollId).sort()).toEqual([polls.openNamed, polls.closedNamed]);
    expect(f['polls']!['anonymousPollsVotedIn']!.map((v) => (v as { pollId: string }).pollId)).toEqual([polls.anonymous]);
    expect(JSON.stringify(f['polls']!['anonymousPollsVotedIn'])).not.toMatch(/"o[01]"|"(Yes|No)"/);
    expect(n('polls', 'pollsCreatedOrClosed')).toBe(3); // openNamed, closedNamed (closed), fromTab
    expect(n('decisions', 'pseudonyms')).toBe(1);
    expect(f['decisions']!['decisionsRecorded']!.map((d) => (d as { ref: string }).ref)).toEqual(['D-2027-001']);
    expect(n('sessions', 'sessionsCreated')).toBe(1);
    expect(f['sessions']!['liveTimersLastMoved']!.map((r) => [(r as { sessionId: string }).sessionId, (r as { current: number }).current])).toEqual([[SESSIONS.lars, 1]]);
    expect(f['meetings']!['meetingLinksMade']!.map((r) => (r as { sessionId: string }).sessionId)).toEqual([SESSIONS.lars]);
    for (const other of [SOFIA, AMINA]) expect(mentions(doc, other)).toBe(false);
  });

  it('erase needs --yes; with it, Lars is gone from every table while Sofia, the register and the tallies hold', async () => {
    const refused = await run(['erase', '--tenant', TENANT_ID, '--user', LARS.aadObjectId]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--yes');
    expect(await allRows(service.tablePrefix)).toEqual(before);

    const closedBefore = await pollRows(polls.closedNamed);
    const anonBefore = await pollRows(polls.anonymous);
    const dir = mkdtempSync(path.join(tmpdir(), 'person-'));
    const erased = await run(['erase', '--tenant', TENANT_ID, '--user', LARS.aadObjectId, '--out', path.join(dir, 'lars.json'), '--yes']);
    expect(erased.err).toBe('');
    expect(erased.code).toBe(0);
    expect(erased.out).toContain('erased in polls: 3 pollsCreatorRemoved, 1 namedVotesWithdrawn, 1 namedVotesDeidentified, 1 anonymousMarkersDeidentified');
    expect(erased.out).toContain('erased in decisions: 1 pseudonymMappings');
    expect(erased.out).toContain('erased in sessions: 1 sessionsCreatorRemoved, 1 liveTimersUpdaterRemoved');
    expect(erased.out).toContain('erased in meetings: 1 meetingLinksLinkerRemoved');
    expect(erased.out).toMatch(/erased in core: .*1 channelsInstalledBy, 1 chatReferencesNamingThem/);
    expect(JSON.parse(readFileSync(path.join(dir, 'lars.json'), 'utf8')).person.aadObjectId).toBe(LARS.aadObjectId);
    expect(statSync(path.join(dir, 'lars.json')).mode & 0o077).toBe(0);

    // Nothing left anywhere that names him (object id, Teams id or name).
    const after = await allRows(service.tablePrefix);
    expect([...after.entries()].filter(([, r]) => mentions(r, LARS)).map(([k]) => k)).toEqual([]);
    const again = await exportOf(LARS.aadObjectId);
    for (const [feature, categories] of Object.entries(again.features)) for (const [c, rows] of Object.entries(categories)) expect([feature, c, rows.length]).toEqual([feature, c, 0]);

    // Sofia's and Amina's rows (those that never named Lars) are exactly as they were: Amina's timer and meeting link among them.
    for (const [key, row] of before) if ((mentions(row, SOFIA) || mentions(row, AMINA)) && !mentions(row, LARS)) expect([key, after.get(key)]).toEqual([key, row]);
    const rowOf = (m: Map<string, Entity>, table: string, field: string, value: string) => [...m.entries()].filter(([k, r]) => k.startsWith(`${service.tablePrefix}${table}|`) && r[field] === value);
    expect(rowOf(after, 'SessionLive', 'updatedBy', AMINA.aadObjectId)).toHaveLength(1);
    expect(rowOf(after, 'MeetingLinks', 'linkedBy', AMINA.aadObjectId)).toHaveLength(1);

    // His timer and his link keep working, naming a former member: the timer where he left it…
    const [[timerKey, timer]] = rowOf(after, 'SessionLive', 'sessionId', SESSIONS.lars) as [[string, Entity]];
    expect({ ...timer, updatedBy: undefined }).toEqual({ ...before.get(timerKey), updatedBy: undefined });
    expect(timer.updatedBy).toBe(FORMER_MEMBER);
    expect(((await api(`sessions/${SESSIONS.lars}/live`, 'sofia')) as LiveJson).live).toMatchObject({ current: 1, running: false });
    expect((await moveTimer('amina', SESSIONS.lars, 0, true)).live).toMatchObject({ current: 0, running: true });
    // …and the meeting he linked still gets its session's agenda when it starts.
    const [[linkKey, link]] = rowOf(after, 'MeetingLinks', 'sessionId', SESSIONS.lars).filter(([k]) => k.endsWith('|chat')) as [[string, Entity]];
    expect({ ...link, linkedBy: undefined }).toEqual({ ...before.get(linkKey), linkedBy: undefined });
    expect(link.linkedBy).toBe(FORMER_MEMBER);
    connector.clear();
    expect((await service.post(loadMeeting('meeting-start', { serviceUrl: connector.url }))).status).toBeLessThan(300);
    expect(cardsIn(connector.requests.filter((r) => r.route === 'sendToConversation' && r.conversationId === MEETING_THREAD).map((r) => r.body)).join('')).toContain('Spring plenary');

    // Items he owned have no owner and say why; his creations keep a placeholder, not his id.
    const own = (await api(`items/A-${items.larsOwn}`, 'amina')) as { item: { ownerId?: string }; history: { field: string; by: string }[] };
    expect(own.item.ownerId ?? '').toBe('');
    expect(own.history.map((h) => [h.field, h.by])).toEqual([
      ['created', FORMER_MEMBER],
      ['ownerErased', ''],
    ]);
    connector.clear();
    await service.post(loadActivity('channel-message-mention', { serviceUrl: connector.url, from: 'amina', text: `item A-${items.larsOwn}` }));
    expect(cardsIn(connector.activities()).join('')).toContain("the owner's personal data was erased: the item has no owner now");
    const itemRows = [...after.values()].filter((r) => r.rowKey === `item|${String(items.larsForSofia).padStart(10, '0')}`);
    expect(itemRows.map((r) => [r.createdBy, r.ownerId])).toEqual([[FORMER_MEMBER, SOFIA.aadObjectId]]);

    // The register: untouched and verifying; his pseudonym no longer resolves.
    const tables = openTables({ kind: 'connection-string', connectionString: testStorageConnection() }, service.tablePrefix);
    expect((await verifyGroupChain(testRepositories(tables).decisions.store, GROUP)).ok).toBe(true);
    const chain = (m: Map<string, Entity>) => [...m.entries()].filter(([k]) => k.startsWith(`${service.tablePrefix}Decisions|`));
    expect(chain(after)).toEqual(chain(before));

    // Tallies: the open poll lost his ballot with its count; the closed one kept its result, unlinked.
    const open = await pollRows(polls.openNamed);
    expect(open.sum).toEqual({ voters: 1, counts: [0, 1] });
    expect(open.votes.map((v) => v.aadObjectId)).toEqual([SOFIA.aadObjectId]);
    const closed = await pollRows(polls.closedNamed);
    expect(closed.sum).toEqual(closedBefore.sum);
    expect(closed.sum).toEqual({ voters: 3, counts: [2, 1] });
    expect(closed.votes).toHaveLength(3);
    expect(closed.votes.filter((v) => String(v.aadObjectId).startsWith(FORMER_MEMBER)).map((v) => [v.name, v.ballot])).toEqual([['', JSON.stringify({ kind: 'choices', optionIds: ['o0'] })]]);
    const anon = await pollRows(polls.anonymous);
    expect(anon.sum).toEqual(anonBefore.sum);
    expect(anon.markers).toHaveLength(2);
    expect(JSON.stringify(await tally(polls.openNamed))).not.toContain(LARS.aadObjectId);

    // The service still works on what is left: a vote in the open poll counts, the channel still gets posts.
    expect(await execute('amina', 'poll.vote', { pollId: polls.openNamed, choice: 'o0' })).not.toContain('error');
    expect((await pollRows(polls.openNamed)).sum).toEqual({ voters: 2, counts: [1, 1] });
    connector.clear();
    await execute('amina', 'poll.close', { pollId: polls.openNamed });
    expect(connector.activities().length).toBeGreaterThan(0);

    // Running it again finds nothing and changes nothing.
    const settled = await allRows(service.tablePrefix);
    const twice = await run(['erase', '--tenant', TENANT_ID, '--user', LARS.aadObjectId, '--yes']);
    expect(twice.code).toBe(0);
    expect(await allRows(service.tablePrefix)).toEqual(settled);
  });

  it('the command line refuses bad input with a clear message, a non-zero exit and no stack trace', async () => {
    const badUser = await cli(['export', '--tenant', TENANT_ID, '--user', 'lars@contoso.com'], env);
    expect(badUser.code).toBe(2);
    expect(badUser.stderr).toContain('--user must be an Entra object id (a GUID — not an e-mail or a name)');
    expect(badUser.stdout).toBe('');
    const unknownTenant = await cli(['erase', '--tenant', '00000000-0000-4000-8000-000000000000', '--user', LARS.aadObjectId, '--yes'], env);
    expect(unknownTenant.code).toBe(1);
    expect(unknownTenant.stderr).toContain('Quorum knows no team in tenant 00000000-0000-4000-8000-000000000000.');
    for (const r of [badUser, unknownTenant]) expect(r.stderr).not.toMatch(/\n\s+at /);
    expect((await run(['delete', '--tenant', TENANT_ID])).err).toContain('unknown action "delete": use export or erase');
    expect((await run(['export', '--user', LARS.aadObjectId])).err).toContain('--tenant is required');
    expect((await run(['export', '--tenant', TENANT_ID, '--user'])).err).toContain('--user needs a value');
    // Storage that does not answer: a message naming the failure, never the account key.
    const key = /AccountKey=([^;]+)/.exec(testStorageConnection())![1]!;
    const down = testStorageConnection().replace(/TableEndpoint=http:\/\/127\.0\.0\.1:\d+/, 'TableEndpoint=http://127.0.0.1:9');
    const lines: string[] = [];
    const code = await runPerson(
      ['export', '--tenant', TENANT_ID, '--user', LARS.aadObjectId],
      { STORAGE_CONNECTION_STRING: down, STORAGE_TABLE_PREFIX: 'nowhere' },
      { out: (l) => lines.push(l), err: (l) => lines.push(l) },
    );
    expect(code).toBe(2);
    expect(lines.join('\n')).toContain("Could not export the person's data (storage-unavailable");
    expect(lines.join('\n')).not.toContain(key);
  });
});
