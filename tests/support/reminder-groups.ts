import { randomUUID } from 'node:crypto';
import type { BotConnector } from '../fakes/bot-connector';
import { loadActivity, teamsChannelAccount, TENANT_ID, USERS } from '../fixtures/activities';
import { REMINDER_KINDS } from '../../bot/src/features/work-plan/domain/reminder-plan';
import type { QuorumTables } from '../../bot/src/features/storage';
import { testRepositories } from './storage';

import type { TestService } from './service';

export interface ReminderGroup {
  teamId: string;
  /** The channel the group's reminders go to (the stand-in's conversation id). */
  channel: string;
  /** The job the scheduler owes this group: one overdue reminder, one post. */
  job: { tenantId: string; teamId: string; kind: string; key: string };
}

/**
 * `count` teams with the bot installed and one open item each (owner Sofia), and for each an
 * overdue reminder job due at `dueAt`: one post per group, so a post, a job and a delivery
 * record line up by channel. Everything goes through /api/messages except the job, which is
 * scheduled the way the work-plan feature schedules it (through the service's scheduler).
 */
export async function seedReminderGroups(service: TestService, connector: BotConnector, tables: QuorumTables, count: number, dueAt: Date, label = 'f'): Promise<ReminderGroup[]> {
  const repos = testRepositories(tables);
  const items = repos.workPlan.items;
  const roster = (['amina', 'lars', 'sofia'] as const).map((u) => teamsChannelAccount(u));
  const out: ReminderGroup[] = [];
  for (let i = 0; i < count; i++) {
    const team = { id: `19:${label}${String(i).padStart(3, '0')}${randomUUID().slice(0, 8)}@thread.tacv2`, name: `Fault group ${i}`, aadGroupId: randomUUID() };
    connector.setTeam(team);
    connector.setMembers(team.id, roster);
    const added = await service.post(loadActivity('bot-added-to-team', { serviceUrl: connector.url, team }));
    if (added.status >= 300) throw new Error(`install ${i}: ${added.status}`);
    const created = await service.post(
      loadActivity('invoke-adaptive-card-action', {
        serviceUrl: connector.url,
        team,
        from: 'amina',
        cardAction: { verb: 'workplan.item.create', data: { teamId: team.id, title: `Patch servers ${i}`, owner: USERS.sofia.aadObjectId, due: '2099-12-31' } },
      }),
    );
    if (!JSON.stringify(created.body).includes('A-1')) throw new Error(`item ${i}: ${JSON.stringify(created.body).slice(0, 300)}`);
    const group = { tenantId: TENANT_ID, teamId: team.id };
    const channel = (await repos.groups.get(group))!.value.channelConversationId!;
    const item = (await items.get(group, 1))!.value;
    const job = { ...group, kind: REMINDER_KINDS.overdue, key: `item-1|fault-${label}` };
    const date = dueAt.toISOString().slice(0, 10);
    await service.scheduler.schedule({ ...job, dueAt, payload: { item: 1, due: item.due ?? '', owner: item.ownerId ?? '', org: item.organisation ?? '', date, n: 1 } });
    out.push({ teamId: team.id, channel, job });
  }
  return out;
}
