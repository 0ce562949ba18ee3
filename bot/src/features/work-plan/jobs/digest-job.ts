import type { Group } from '../../../kernel/group';
import { stamp } from '../cards/labels';
import { renderPostCard } from '../cards/post-card';
import { ITEM_STATUSES, refOf, type ActionItem } from '../domain/action-item';
import { buildDigest, DIGEST_HORIZON_DAYS } from '../domain/digest';
import { addDays, localDate } from '../../../kernel/local-time';
import { retryOnConflict } from '../../../kernel/retry-on-conflict';
import { REMINDER_KINDS, digestSpec } from '../domain/reminder-plan';
import { readSettings } from '../domain/settings.use-case';
import type { DueJob, JobFailure, JobHandler, JobResult, JobSpec } from '../../../kernel/scheduling';
import { isQuorumError } from '../../../kernel/errors';
import { catalogMessage } from '../../../platform/teams/errors.presenter';
import type { WorkPlanSettings } from '../domain/work-plan-settings';
import { postWithMentions } from '../chat/channel-post';
import { LATE_AFTER_MS, channelTranslator, coChairMentions, mentionOf } from './reminder-jobs';
import type { WorkPlanContext } from '../work-plan-context';

const WEEK_MS = 7 * 86_400_000;

/**
 * The weekly digest. Only the job whose key the settings name is current (a changed
 * schedule leaves older ones to skip). Once a run is finished, whatever became of it, the
 * next digest is computed from now, so a long downtime yields one late digest, not one per
 * missed week, and a digest that failed does not end the series.
 */
export function digestHandler(w: WorkPlanContext): JobHandler {
  return {
    kind: REMINDER_KINDS.digest,
    async run(jobs) {
      const out: JobResult[] = [];
      for (const job of jobs) out.push(await runDigest(w, job));
      return out;
    },
    following: (job) => nextDigest(w, job),
    failed: (job, failure) => explainFailure(w, job, failure),
  };
}

/**
 * Moves the series from this job to the next digest once: the settings' key moves with an
 * ETag, and asked again (a crash, a second instance) it answers with the digest the key
 * already names. A job the settings no longer name (a changed schedule) has no follower.
 */
async function nextDigest(w: WorkPlanContext, job: DueJob): Promise<JobSpec[]> {
  const group = { tenantId: job.tenantId, teamId: job.teamId };
  const stored = await w.repos.groups.get(group);
  if (!stored?.value.active) return [];
  return retryOnConflict(async () => {
    const current = await w.settings.get(group);
    if (!current) return [];
    const next = digestSpec(group, current.value, w.clock.now());
    if (current.value.digestJobKey === next.key) return [next];
    if (current.value.digestJobKey !== job.key) return [];
    await w.settings.save({ ...current.value, digestJobKey: next.key }, current.etag);
    return [next];
  });
}

/** The co-chairs read in the channel why this week's digest is missing, and when the next one comes. */
async function explainFailure(w: WorkPlanContext, job: DueJob, failure: JobFailure): Promise<void> {
  const group = { tenantId: job.tenantId, teamId: job.teamId };
  const stored = await w.repos.groups.get(group);
  if (!stored?.value.active) return;
  const { value: settings } = await readSettings(w, stored.value);
  const t = channelTranslator(w, stored.value);
  const { error, ref } = failure;
  const reason = isQuorumError(error) ? catalogMessage(error, t, ref) : error !== undefined ? t('errors.internal', { ref }) : t('workPlan.digest.notSent', { ref });
  const next = failure.next.find((n) => n.kind === job.kind);
  const text = [
    t('workPlan.digest.failed', { date: localDate(job.dueAt, settings.timeZone), reason }),
    ...(next ? [t('workPlan.digest.nextDue', { when: stamp(next.dueAt.toISOString(), settings.timeZone, t) })] : []),
  ].join(' ');
  const mentions = await coChairMentions(w, await w.repos.members.list(group));
  await w.notifier.postToGroup(group, { text, mentions, purpose: 'reminder:digest-failed', onceKey: [job.tenantId, job.teamId, job.kind, job.key, 'failed'].join('|') });
}

async function runDigest(w: WorkPlanContext, job: DueJob): Promise<JobResult> {
  const group = { tenantId: job.tenantId, teamId: job.teamId };
  const stored = await w.repos.groups.get(group);
  const { value: settings } = await readSettings(w, stored?.value ?? group);
  if (settings.digestJobKey !== job.key) return { outcome: { status: 'skipped', reason: 'stale' } };
  if (!stored?.value.active) {
    // Nothing more goes to a group that removed the bot; a new item after a reinstall starts the digests again.
    await updateSettings(w, group, (s) => ({ ...s, digestJobKey: undefined }));
    return { outcome: { status: 'skipped', reason: 'inactive' } };
  }
  const now = w.clock.now();
  const items = await w.items.list(group);
  if (items.length > 0) {
    const delivery = await postDigest(w, job, stored.value, settings, items, now);
    if (delivery === 'inactive') {
      await updateSettings(w, group, (s) => ({ ...s, digestJobKey: undefined }));
      return { outcome: { status: 'skipped', reason: 'inactive' } };
    }
    if (delivery === 'failed') return { outcome: { status: 'retry', reason: 'send-failed' } };
  }
  await updateSettings(w, group, (s) => ({ ...s, lastDigestAt: now.toISOString() }));
  return { outcome: items.length ? { status: 'done' } : { status: 'done', note: 'no items' } };
}

async function postDigest(w: WorkPlanContext, job: DueJob, group: Group, s: WorkPlanSettings, items: ActionItem[], now: Date): Promise<'sent' | 'inactive' | 'failed'> {
  const t = channelTranslator(w, group);
  const today = localDate(now, s.timeZone);
  const since = s.lastDigestAt ?? new Date(now.getTime() - WEEK_MS).toISOString();
  const d = buildDigest(items, today, since);
  const members = await w.repos.members.list(job);
  const byId = new Map(members.map((m) => [m.aadObjectId.toLowerCase(), m]));
  const line = (i: ActionItem) => {
    const owner = [i.ownerId ? (byId.get(i.ownerId)?.name ?? '') : '', i.organisation ?? ''].filter(Boolean).join(' · ');
    return `${refOf(i.number)} ${i.title} — ${i.due ?? ''}${owner ? ` — ${owner}` : ''} (${t(`workPlan.status.${i.status}`)}, ${i.progress} %)`;
  };
  const orNothing = (lines: string[]) => (lines.length ? lines : [t('workPlan.digest.nothing')]);
  // Each list shows its most urgent items (the longest overdue, the soonest due) and links to the rest in the tab.
  const link = (params: Record<string, string> = {}) => w.tabLink(job.teamId, 'work-plan', params);
  const card = renderPostCard(t, {
    teamId: job.teamId,
    title: t('workPlan.digest.title', { date: today }),
    ...(job.lateByMs > LATE_AFTER_MS ? { notice: { text: t('workPlan.reminders.late', { when: stamp(job.dueAt.toISOString(), s.timeZone, t) }), tone: 'attention' as const } } : {}),
    sections: [
      { heading: t('workPlan.digest.overdue', { count: d.overdue.length }), lines: orNothing(d.overdue.map(line)), link: link({ status: 'open', dueTo: addDays(today, -1) }) },
      {
        heading: t('workPlan.digest.dueSoon', { count: d.dueSoon.length }),
        lines: orNothing(d.dueSoon.map(line)),
        link: link({ status: 'open', dueFrom: today, dueTo: addDays(today, DIGEST_HORIZON_DAYS) }),
      },
      { heading: t('workPlan.digest.doneSince', { count: d.doneSince.length }), lines: orNothing(d.doneSince.map((i) => `${refOf(i.number)} ${i.title}`)), link: link({ status: 'done' }) },
      { heading: t('workPlan.digest.byStatus'), lines: ITEM_STATUSES.map((st) => t('workPlan.digest.countLine', { label: t(`workPlan.status.${st}`), count: d.byStatus[st] })), whole: true },
      {
        heading: t('workPlan.digest.byOrganisation'),
        lines: orNothing(d.byOrganisation.map((o) => t('workPlan.digest.countLine', { label: o.organisation || t('workPlan.digest.noOrganisation'), count: o.count }))),
        link: link({ status: 'open' }),
      },
    ],
    myItemsText: t('workPlan.reminders.myItems'),
  });
  const mentions = d.ownerIds.flatMap((id) => mentionOf(byId.get(id)));
  const delivery = await postWithMentions(
    w.notifier,
    job,
    card,
    mentions,
    'reminder:digest',
    t('workPlan.reminders.moreMentions'),
    [job.tenantId, job.teamId, job.kind, job.key, job.dueAt.toISOString()].join('|'),
  );
  return delivery.status;
}

async function updateSettings(w: WorkPlanContext, group: { tenantId: string; teamId: string }, change: (s: WorkPlanSettings) => WorkPlanSettings): Promise<void> {
  await retryOnConflict(async () => {
    const current = await w.settings.get(group);
    if (!current) return;
    const next = change(current.value);
    if (next.digestJobKey === undefined) delete next.digestJobKey;
    await w.settings.save(next, current.etag);
  });
}
