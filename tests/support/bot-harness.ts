import { startBotConnector, type BotConnector } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TEAM, TENANT_ID, USERS, type ActivityOverrides, type FixtureName } from '../fixtures/activities';
import type { Clock } from '../../bot/src/kernel/clock';
import { startTestService, type TestService } from './service';

export interface BotHarness {
  service: TestService;
  connector: BotConnector;
  /** Loads a fixture aimed at the stand-in connector and posts it to /api/messages. */
  send(name: FixtureName, overrides?: ActivityOverrides): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

/** Amina is the configured co-chair; Lars and Sofia are members of the team's roster. */
export const CONFIGURED_CO_CHAIR = `${TENANT_ID}:${USERS.amina.aadObjectId}`;

export async function startBotHarness(env: Record<string, string> = {}, opts: { clock?: Clock } = {}): Promise<BotHarness> {
  const connector = await startBotConnector();
  connector.setTeam({ id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId });
  const roster = (['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u));
  connector.setMembers(TEAM.id, roster);
  connector.setMembers(TEAM.selectedChannel.id, roster);
  const service = await startTestService({ INITIAL_CO_CHAIRS: CONFIGURED_CO_CHAIR, ...env }, opts);
  return {
    service,
    connector,
    send: (name, overrides = {}) => service.post(loadActivity(name, { serviceUrl: connector.url, ...overrides })),
    async stop() {
      await service.stop();
      await connector.stop();
    },
  };
}

/** Every Adaptive Card in what the bot sent (or answered), as JSON text for assertions. */
export function cardsIn(activities: unknown[]): string[] {
  return activities.flatMap((a) => {
    const attachments = (a as { attachments?: { contentType?: string; content?: unknown }[] }).attachments ?? [];
    return attachments.filter((x) => x.contentType === 'application/vnd.microsoft.card.adaptive').map((x) => JSON.stringify(x.content));
  });
}

export function textsIn(activities: unknown[]): string[] {
  return activities.flatMap((a) => {
    const t = (a as { text?: unknown; type?: unknown }).text;
    return typeof t === 'string' ? [t] : [];
  });
}
