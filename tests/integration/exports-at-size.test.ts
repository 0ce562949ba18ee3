import ICAL from 'ical.js';
import type { BotConnector } from '../fakes/bot-connector';
import { loadActivity, TEAM, TENANT_ID, USERS, type UserKey } from '../fixtures/activities';
import { startBotHarness } from '../support/bot-harness';
import { readCsv } from '../support/csv';
import { parseIcsStrictly } from '../support/ics-lines';
import { addDays, realisticMembers, realisticOrganisations, SIZE, voters } from '../support/realistic-group';
import { seedRealisticGroup } from '../support/realistic-seed';
import type { TestService } from '../support/service';
import { testRepositories } from '../support/storage';

// The realistic group is seeded through the running service: give the setup room.
jest.setTimeout(300_000);

/**
 * Every download for the group at its real size (tests/support/realistic-group.ts), read by
 * readers nobody here wrote: CSVs by csv-parse in strict RFC 4180 mode, the session's calendar
 * by Mozilla's ical.js (and by the RFC 5545 line rules in ics-lines.ts), so 500 items, 60
 * organisations, 1,000 voters and a 40-item agenda in four scripts come out whole and readable.
 */
const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const TODAY = '2027-03-01';
const SESSION_ID = 's00000000000e5a01';
const POLL_ID = 'p00000000000e5a01';
const YEAR = TODAY.slice(0, 4);
const BOM = '\uFEFF';

describe('every export for a group at its real size', () => {
  let connector: BotConnector;
  let service: TestService;
  const clock = { at: new Date(`${TODAY}T10:00:00Z`) };

  const download = async (path: string, who: UserKey = 'amina') => {
    const res = await fetch(`${service.url}/api/tab/${path}`, { headers: { 'X-Quorum-Dev-User': `${TENANT_ID}:${USERS[who].aadObjectId}`, 'X-Quorum-Team': TEAM.id } });
    // The raw bytes: res.text() would drop a leading BOM.
    const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    return { status: res.status, type: res.headers.get('content-type') ?? '', body };
  };
  const csv = async (path: string) => {
    const res = await download(path);
    expect({ path, status: res.status, type: res.type, bom: res.body.startsWith(BOM) }).toEqual({ path, status: 200, type: 'text/csv; charset=utf-8', bom: true });
    return readCsv(res.body);
  };

  beforeAll(async () => {
    ({ connector, service } = await startBotHarness({ ALLOWED_TENANT_IDS: TENANT_ID }, { clock: { now: () => clock.at } }));
    await service.post(loadActivity('bot-added-to-team', { serviceUrl: connector.url }));
    const execute = async (verb: string, data: Record<string, unknown>) =>
      (
        (await service.post(loadActivity('invoke-adaptive-card-action', { serviceUrl: connector.url, from: 'amina', cardAction: { verb, data: { teamId: TEAM.id, ...data } } }))).body as {
          value?: unknown;
        }
      ).value;
    await seedRealisticGroup(testRepositories(service.tables), execute, {
      group,
      today: TODAY,
      by: USERS.amina.aadObjectId,
      sessions: [{ id: SESSION_ID, startDate: addDays(TODAY, 9) }],
      polls: [{ id: POLL_ID, closesDate: addDays(TODAY, 7), sessionId: SESSION_ID }],
    });
  }, 600_000);

  afterAll(async () => {
    await service?.stop();
    await connector?.stop();
  });

  it('the work-plan CSV: all 500 items, each owner and organisation as stored, every row as wide as the header', async () => {
    const [header, ...rows] = await csv('items.csv');
    expect(rows).toHaveLength(SIZE.items);
    const names = new Set(realisticMembers(group).map((m) => m.name));
    const organisations = new Set(realisticOrganisations());
    const ownerAt = header!.findIndex((h) => /owner/i.test(h));
    const orgAt = header!.findIndex((h) => /organi[sz]ation/i.test(h));
    expect(rows.every((r) => names.has(r[ownerAt]!))).toBe(true);
    expect(rows.every((r) => organisations.has(r[orgAt]!))).toBe(true);
  });

  it("the poll's CSV: its 1,000 voters, one row each", async () => {
    const rows = await csv(`polls/${POLL_ID}/csv`);
    const names = new Set(voters().map((v) => v.name));
    const voted = rows.filter((r) => names.has(r[0]!)).map((r) => r[0]);
    expect(new Set(voted).size).toBe(SIZE.voters);
    expect(voted).toHaveLength(SIZE.voters);
  });

  it('the session and year reports: CSV read strictly, Markdown and HTML whole', async () => {
    await csv(`reports/session/${SESSION_ID}/csv`);
    const year = await csv(`reports/year/${YEAR}/csv`);
    expect(year.length).toBeGreaterThan(SIZE.decisions);
    for (const format of ['md', 'html']) {
      const res = await download(`reports/session/${SESSION_ID}/${format}`);
      expect({ format, status: res.status }).toEqual({ format, status: 200 });
      // The 40th agenda item (of 40): nothing cut off.
      expect(res.body).toContain('Point 40 — examen');
    }
  });

  it("the session's calendar file: read by ical.js, one event with the title, place and time as saved", async () => {
    const res = await download(`sessions/${SESSION_ID}/ics`);
    expect(res.status).toBe(200);
    // RFC 5545's line rules (CRLF, folding at 75 octets, nesting), then an independent reader.
    expect(() => parseIcsStrictly(res.body)).not.toThrow();
    const calendar = new ICAL.Component(ICAL.parse(res.body));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event.summary).toMatch(/^Session exécutive .* — الدورة التنفيذية — 执行会议/);
    expect(event.location).toMatch(/^Palais des Nations, salle XVII, Genève/);
    expect(event.startDate.toJSDate().toISOString()).toBe(`${addDays(TODAY, 9)}T09:00:00.000Z`);
  });
});
