import { startBotConnector, type BotConnector, type RecordedRequest } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM } from '../fixtures/activities';
import { cardsIn, CONFIGURED_CO_CHAIR } from '../support/bot-harness';
import { startTestService, type TestService } from '../support/service';
import en from '../../bot/src/features/core/locales/en.json';

const THREAD = ';messageid=';
const writes = (c: BotConnector): RecordedRequest[] => c.requests.filter((r) => r.route === 'sendToConversation' || r.route === 'replyToActivity');

async function rosteredConnector(): Promise<BotConnector> {
  const connector = await startBotConnector();
  connector.setTeam({ id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId });
  const roster = (['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u));
  connector.setMembers(TEAM.id, roster);
  connector.setMembers(TEAM.selectedChannel.id, roster);
  return connector;
}

/**
 * The Agents Playground's web client cannot show a reply in a channel thread (it throws
 * "Invalid conversation id 19:…;messageid=…"), so `@Quorum help` in its channel showed
 * nothing. Turns from the Playground are answered at the channel's level; Teams' stay in
 * their thread.
 */
describe('replies to a channel message, Playground and Teams', () => {
  // Stands in for the Playground: npm start tells the service its port (PLAYGROUND_PORT).
  let playground: BotConnector;
  // Stands in for Teams' Bot Connector, reached by the same service.
  let teams: BotConnector;
  let service: TestService;
  let plainService: TestService;

  beforeAll(async () => {
    playground = await rosteredConnector();
    teams = await rosteredConnector();
    const port = new URL(playground.url).port;
    service = await startTestService({ INITIAL_CO_CHAIRS: CONFIGURED_CO_CHAIR, PLAYGROUND_PORT: port });
    plainService = await startTestService({ INITIAL_CO_CHAIRS: CONFIGURED_CO_CHAIR, STORAGE_TABLE_PREFIX: service.tablePrefix });
  });
  afterAll(async () => {
    await service?.stop();
    await plainService?.stop();
    await playground?.stop();
    await teams?.stop();
  });
  beforeEach(() => {
    playground.clear();
    teams.clear();
  });

  it('answers "@Quorum help" from the Playground in the channel itself, typing indicator included', async () => {
    // The Playground names itself "localhost" in serviceUrl, under /_connector.
    const serviceUrl = `http://localhost:${new URL(playground.url).port}/`;
    const res = await service.post(loadActivity('channel-message-mention', { serviceUrl, from: 'amina', text: 'help' }));
    expect(res.status).toBe(200);
    const sent = writes(playground);
    expect(sent.map((r) => (r.body as { type?: string }).type)).toEqual(['typing', 'message']);
    for (const r of sent) expect(r.conversationId).toBe(TEAM.id);
    expect(cardsIn(sent.map((r) => r.body))[0]).toContain(en.help.coChairNote);
  });

  it("keeps a reply to Teams in the message's thread, on the same service", async () => {
    const activity = loadActivity('channel-message-mention', { serviceUrl: teams.url, from: 'amina', text: 'help' });
    await service.post(activity);
    const sent = writes(teams);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const r of sent) expect(r.conversationId).toBe(`${TEAM.id}${THREAD}${activity.id}`);
    expect(writes(playground)).toHaveLength(0);
  });

  it("keeps every reply in its thread when no Playground is configured (production's path)", async () => {
    const serviceUrl = `http://localhost:${new URL(playground.url).port}/`;
    const activity = loadActivity('channel-message-mention', { serviceUrl, from: 'amina', text: 'help' });
    await plainService.post(activity);
    const sent = writes(playground);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const r of sent) expect(r.conversationId).toBe(`${TEAM.id}${THREAD}${activity.id}`);
  });

  it('leaves personal chat as it is', async () => {
    const serviceUrl = `http://localhost:${new URL(playground.url).port}/`;
    const activity = loadActivity('personal-message', { serviceUrl, from: 'sofia', text: 'help' });
    await service.post(activity);
    const sent = writes(playground);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const r of sent) expect(r.conversationId).toBe(activity.conversation.id);
  });
});
