import { renderPostCard } from '../cards/post-card';
import { stamp } from '../cards/labels';
import type { Group } from '../../../kernel/group';
import { groupLanguage } from '../../../kernel/languages';
import type { Member } from '../../../kernel/member';
import type { Mention } from '../../../kernel/notifications';
import type { DueJob, JobHandler, JobResult, JobSpec } from '../../../kernel/scheduling';
import { isOpen, refOf, type ActionItem } from '../domain/action-item';
import { localDate } from '../../../kernel/local-time';
import { REMINDER_KINDS, isCurrentDueSoon, nextOverdueSpec, type ItemReminderPayload } from '../domain/reminder-plan';
import { readSettings } from '../domain/settings.use-case';
import { translator, type Translate } from '../../../platform/i18n/i18n';
import { postWithMentions } from '../chat/channel-post';
import type { WorkPlanContext } from '../work-plan-context';

/** A post more than this late says so. */
export const LATE_AFTER_MS = 15 * 60_000;

function payloadOf(job: DueJob): ItemReminderPayload {
  const p = job.payload ?? {};
  return { item: Number(p.item), due: String(p.due ?? ''), owner: String(p.owner ?? ''), org: String(p.org ?? ''), date: String(p.date ?? ''), n: Number(p.n ?? 1) };
}

/** Posts are in the group's channel, for everyone: in the group's language (co-chairs choose it), not a reader's. */
export function channelTranslator(w: WorkPlanContext, group: Pick<Group, 'language'>): Translate {
  return translator(w.i18n, groupLanguage(group));
}

export function mentionOf(m: Member | undefined): Mention[] {
  return m?.userId ? [{ userId: m.userId, name: m.name }] : [];
}

export async function coChairMentions(w: WorkPlanContext, members: Member[]): Promise<Mention[]> {
  return members.filter((m) => m.active && (m.role === 'co-chair' || w.roles.isConfiguredCoChair(m, m.aadObjectId))).flatMap(mentionOf);
}

/**
 * Due-soon and overdue reminders. Jobs of one owner, kind and local date run as one batch
 * and become one post. Each job re-reads its item: one that was closed, re-dated or handed
 * to someone else since it was scheduled is skipped (its replacement was scheduled then).
 */
export function itemReminderHandler(w: WorkPlanContext, kind: string): JobHandler {
  return {
    kind,
    batchKey: (job) => {
      const p = payloadOf(job);
      return [job.tenantId, job.teamId, p.owner || `org:${p.org}`, kind, p.date].join('|');
    },
    async run(jobs) {
      const group = { tenantId: jobs[0]!.tenantId, teamId: jobs[0]!.teamId };
      const results: JobResult[] = jobs.map(() => ({ outcome: { status: 'skipped', reason: 'stale' } }));
      const stored = await w.repos.groups.get(group);
      if (!stored?.value.active) return jobs.map(() => ({ outcome: { status: 'skipped', reason: 'inactive' } }));
      const { value: settings } = await readSettings(w, stored.value);
      const today = localDate(w.clock.now(), settings.timeZone);
      const live: { i: number; item: ActionItem; p: ItemReminderPayload }[] = [];
      for (const [i, job] of jobs.entries()) {
        const p = payloadOf(job);
        const item = (await w.items.get(group, p.item))?.value;
        const current = item && isOpen(item) && item.due === p.due && (item.ownerId ?? '') === p.owner && (item.organisation ?? '') === p.org;
        if (!item || !current) continue;
        if (kind === REMINDER_KINDS.dueSoon && (item.due! < today || !isCurrentDueSoon(p, settings, job.dueAt))) continue;
        live.push({ i, item, p });
      }
      if (live.length === 0) return results;

      const t = channelTranslator(w, stored.value);
      const members = await w.repos.members.list(group);
      const owner = members.find((m) => m.aadObjectId.toLowerCase() === live[0]!.p.owner);
      const ownerName = owner?.name ?? live[0]!.p.org;
      const n = Math.max(...live.map((l) => l.p.n));
      const escalate = kind === REMINDER_KINDS.overdue && settings.escalateAfter > 0 && n >= settings.escalateAfter;
      const lateBy = Math.max(...live.map((l) => jobs[l.i]!.lateByMs));
      const notices = [
        lateBy > LATE_AFTER_MS ? t('workPlan.reminders.late', { when: stamp(jobs[live[0]!.i]!.dueAt.toISOString(), settings.timeZone, t) }) : '',
        escalate ? t('workPlan.reminders.escalated', { n }) : '',
      ].filter(Boolean);
      const card = renderPostCard(t, {
        teamId: group.teamId,
        title: t(kind === REMINDER_KINDS.dueSoon ? 'workPlan.reminders.dueSoonTitle' : 'workPlan.reminders.overdueTitle', { owner: ownerName }),
        ...(notices.length ? { notice: { text: notices.join(' '), tone: 'attention' as const } } : {}),
        sections: [
          {
            heading: t('workPlan.reminders.items'),
            lines: live.map(({ item }) =>
              t('workPlan.reminders.line', { ref: refOf(item.number), title: item.title, due: item.due ?? '', status: t(`workPlan.status.${item.status}`), progress: item.progress }),
            ),
            // A batch is one owner's (or, without owner, one organisation's) open items: the tab shows them all.
            link: w.tabLink(group.teamId, 'work-plan', { status: 'open', ...(live[0]!.p.owner ? { owner: live[0]!.p.owner } : { org: live[0]!.p.org }) }),
          },
        ],
        myItemsText: t('workPlan.reminders.myItems'),
      });
      const mentions = [...mentionOf(owner), ...(escalate ? await coChairMentions(w, members) : [])];
      // The post is owed by exactly these jobs: a re-run of the same batch after a crash does not post it twice.
      const onceKey = [group.tenantId, group.teamId, kind, ...live.map((l) => `${jobs[l.i]!.key}@${jobs[l.i]!.dueAt.toISOString()}`).sort()].join('|');
      const delivery = await postWithMentions(w.notifier, group, card, mentions, `reminder:${kind}`, t('workPlan.reminders.moreMentions'), onceKey);
      for (const { i } of live) {
        if (delivery.status === 'inactive') results[i] = { outcome: { status: 'skipped', reason: 'inactive' } };
        else if (delivery.status === 'failed') results[i] = { outcome: { status: 'retry', reason: delivery.reason } };
        else results[i] = { outcome: { status: 'done' } };
      }
      return results;
    },
    ...(kind === REMINDER_KINDS.overdue ? { following: (job: DueJob) => nextOverdue(w, job) } : {}),
  };
}

/**
 * An overdue series goes on while its item is still open, late and in the same hands, whether
 * this reminder was posted or not. The next reminder's key is derived from this one's, so
 * asking twice schedules it once.
 */
async function nextOverdue(w: WorkPlanContext, job: DueJob): Promise<JobSpec[]> {
  const group = { tenantId: job.tenantId, teamId: job.teamId };
  const stored = await w.repos.groups.get(group);
  if (!stored?.value.active) return [];
  const p = payloadOf(job);
  const item = (await w.items.get(group, p.item))?.value;
  if (!item || !isOpen(item) || item.due !== p.due || (item.ownerId ?? '') !== p.owner || (item.organisation ?? '') !== p.org) return [];
  const { value: settings } = await readSettings(w, stored.value);
  return [nextOverdueSpec(item, settings, p)];
}
