import type { TableClient } from '@azure/data-tables';
import { startBotConnector, type BotConnector, type TeamsChannelAccount } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TENANT_ID, type ActivityOverrides, type FixtureName } from '../fixtures/activities';
import { mapLimit } from '../../bot/src/kernel/map-limit';
import { startTestService, type TestService } from './service';

/** A group of the fan-out: one team in one tenant, installed through /api/messages. */
export interface FanOutGroup {
  tenantId: string;
  teamId: string;
  name: string;
  /** Its channel conversation (where reminders go): the General channel, i.e. the team id. */
  channel: string;
}

export interface FanOutRig {
  service: TestService;
  connector: BotConnector;
  clock: { at: Date };
  send(name: FixtureName, overrides?: ActivityOverrides): Promise<{ status: number; body: unknown }>;
  /** Installs the group (its roster: the three fixture people plus `extra`). */
  install(group: FanOutGroup, extra?: TeamsChannelAccount[]): Promise<void>;
  /** Creates an action item through the card verb, as Sofia; returns the reply's text. */
  createItem(group: FanOutGroup, item: { title: string; owner: string; due: string }): Promise<string>;
  /** Every job row of the scheduler: kind, key, team, state, attempts. */
  jobs(): Promise<JobRow[]>;
  stop(): Promise<void>;
}

export interface JobRow {
  tenantId: string;
  teamId: string;
  kind: string;
  key: string;
  state: string;
  attempts: number;
  dueAt: Date;
}

/** Tenant ids for the groups of a fan-out; the first is the fixtures' own tenant. */
export const TENANTS = [TENANT_ID, '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f', '9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4'] as const;

export function fanOutGroup(tenantId: string, i: number): FanOutGroup {
  const teamId = `19:fanout${tenantId.slice(0, 4)}${String(i).padStart(4, '0')}@thread.tacv2`;
  return { tenantId, teamId, name: `Group ${tenantId.slice(0, 4)}-${i}`, channel: teamId };
}

/** A synthetic member for crowded rosters (owners of items, people to @mention). */
export function syntheticMember(tenantId: string, i: number): TeamsChannelAccount {
  const n = String(i).padStart(12, '0');
  return { id: `29:owner-${i}`, name: `Owner ${i}`, aadObjectId: `00000000-0000-4000-8000-${n}`, tenantId, userRole: 'user' };
}

/** The real service against the Bot Connector stand-in, with a clock the test moves. */
export async function startFanOutRig(startAt: string, env: Record<string, string> = {}): Promise<FanOutRig> {
  const clock = { at: new Date(startAt) };
  const connector = await startBotConnector();
  const service = await startTestService(env, { clock: { now: () => clock.at } });
  const send = (name: FixtureName, overrides: ActivityOverrides = {}) => service.post(loadActivity(name, { serviceUrl: connector.url, ...overrides }));
  return {
    service,
    connector,
    clock,
    send,
    async install(group, extra = []) {
      connector.setTeam({ id: group.teamId, name: group.name });
      const roster = [...(['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u, group.tenantId)), ...extra];
      connector.setMembers(group.teamId, roster);
      // The install event arrives in General (selected channel = the team id), as Teams sends it.
      const res = await send('bot-added-to-team', { tenantId: group.tenantId, team: { id: group.teamId, name: group.name }, selectedChannelId: group.teamId });
      if (res.status >= 300) throw new Error(`install of ${group.teamId} answered ${res.status}`);
    },
    async createItem(group, item) {
      const res = await send('invoke-adaptive-card-action', {
        tenantId: group.tenantId,
        team: { id: group.teamId, name: group.name },
        selectedChannelId: group.teamId,
        from: 'sofia',
        cardAction: { verb: 'workplan.item.create', data: { teamId: group.teamId, ...item } },
      });
      return JSON.stringify(res.body);
    },
    jobs: () => jobRows(service.tables.table('jobs')),
    async stop() {
      await service.stop();
      await connector.stop();
    },
  };
}

async function jobRows(table: TableClient): Promise<JobRow[]> {
  const out: JobRow[] = [];
  for await (const e of table.listEntities<JobRow>()) out.push({ tenantId: e.tenantId, teamId: e.teamId, kind: e.kind, key: e.key, state: e.state, attempts: e.attempts, dueAt: new Date(e.dueAt) });
  return out;
}

/** Runs `fn` over `items` a few at a time (the service is real; don't flood it). */
export function eachLimited<T>(items: readonly T[], fn: (item: T) => Promise<unknown>, limit = 6): Promise<unknown[]> {
  return mapLimit(items, limit, fn);
}
