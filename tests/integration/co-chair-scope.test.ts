import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { tabApi } from '../support/tab';

jest.setTimeout(60_000);

/** Another team of the same tenant with Quorum installed; Amina is not on its roster. */
const OTHER = { id: '19:Q7wNc2LrT4xVb9kM1sD6fH3jP8aZ5eYu@thread.tacv2', name: 'Procurement Network', aadGroupId: '6c2d8e4a-1f3b-4a5c-8d7e-9f0a1b2c3d4e' };
const SESSION_ID = 's00000000000000c5';

/**
 * INITIAL_CO_CHAIRS names people, not teams: Amina (configured without a team) is co-chair
 * where she is a member and nowhere else in her tenant; Sofia, configured for the other team
 * by name, is its co-chair and stays a plain member of the first.
 */
describe('configured co-chairs are co-chairs only of their own teams', () => {
  let h: BotHarness;
  const api = tabApi(() => h.service.url);
  const inOther = { 'x-quorum-team': OTHER.id };
  const saveSession = (from: 'amina' | 'sofia') =>
    h.send('invoke-adaptive-card-action', {
      team: OTHER,
      from,
      cardAction: {
        verb: 'session.save',
        data: {
          teamId: OTHER.id,
          sessionId: SESSION_ID,
          title: `Planted by ${from}`,
          startDate: '2027-05-03',
          startTime: '09:30',
          endDate: '2027-05-03',
          endTime: '12:00',
          timeZone: 'Europe/Zurich',
          agenda: 'Opening',
        },
      },
    });
  const sessionTitles = async () => ((await api<{ title: string }[]>('lars', 'GET', 'sessions', undefined, inOther)).json as { title: string }[]).map((s) => s.title);

  beforeAll(async () => {
    h = await startBotHarness({ INITIAL_CO_CHAIRS: `${TENANT_ID}:${USERS.amina.aadObjectId},${TENANT_ID}:${USERS.sofia.aadObjectId}@${encodeURIComponent(OTHER.id)}` });
    expect((await h.send('bot-added-to-team')).status).toBeLessThan(300);
    h.connector.setTeam(OTHER);
    h.connector.setMembers(
      OTHER.id,
      (['lars', 'sofia'] as const).map((u) => teamsChannelAccount(u)),
    );
    expect((await h.service.post(loadActivity('bot-added-to-team', { serviceUrl: h.connector.url, team: OTHER }))).status).toBeLessThan(300);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('refuses a configured co-chair the settings of a team of their tenant they are not a member of', async () => {
    const res = await api('amina', 'GET', 'settings', undefined, inOther);
    expect([403, 404]).toContain(res.status);
    expect(JSON.stringify(res.json)).not.toContain('reminder');
    expect((await api('amina', 'GET', 'me', undefined, inOther)).status).not.toBe(200);
  });

  it('does not let them plan a session in that team', async () => {
    const res = await saveSession('amina');
    expect(JSON.stringify(res.body)).not.toContain('Session saved');
    expect(await sessionTitles()).not.toContain('Planted by amina');
  });

  it('keeps them co-chair of the team they are a member of', async () => {
    expect((await api('amina', 'GET', 'me')).json).toMatchObject({ role: 'co-chair', group: { teamId: TEAM.id } });
    expect((await api('amina', 'GET', 'settings')).status).toBe(200);
  });

  it('makes someone configured for a named team its co-chair there, and only there', async () => {
    expect((await api('sofia', 'GET', 'me', undefined, inOther)).json).toMatchObject({ role: 'co-chair', group: { teamId: OTHER.id } });
    expect((await api('sofia', 'GET', 'settings', undefined, inOther)).status).toBe(200);
    expect(JSON.stringify((await saveSession('sofia')).body)).toContain('Session saved');
    expect(await sessionTitles()).toContain('Planted by sofia');
    expect((await api('sofia', 'GET', 'me')).json).toMatchObject({ role: 'member', group: { teamId: TEAM.id } });
    expect((await api('sofia', 'GET', 'settings')).status).toBe(403);
  });

  it('stops being co-chair of a team once they leave it', async () => {
    // Teams' teamMemberRemoved event (the bot-removed fixture's shape), for Amina instead of the bot.
    const left = loadActivity('bot-removed-from-team', { serviceUrl: h.connector.url });
    left['membersRemoved'] = [{ id: USERS.amina.id, aadObjectId: USERS.amina.aadObjectId }];
    expect((await h.service.post(left)).status).toBeLessThan(300);
    expect((await api('amina', 'GET', 'settings')).status).not.toBe(200);
  });
});
