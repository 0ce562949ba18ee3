import { renderPollReminder } from '../cards/poll-reminder-card';
import { closePoll } from '../domain/close-poll.use-case';
import { isOpen } from '../domain/poll';
import { POLL_JOBS, type PollDeps } from '../domain/poll-deps';
import type { DueJob, JobHandler, JobResult } from '../../../kernel/scheduling';
import { groupLanguage } from '../../../kernel/languages';
import { formatLocal } from '../../../kernel/local-time';
import { translator } from '../../../platform/i18n/i18n';
import { MAX_MENTIONS } from '../../../kernel/notifications';
import type { FeatureContext } from '../../../platform/teams/feature';
import type { PollChannel } from '../chat/poll-channel';

/** Each job re-reads the poll: a job for a poll closed (or gone) since it was scheduled is skipped. */
export function pollJobs(ctx: FeatureContext, deps: PollDeps, channel: PollChannel): JobHandler[] {
  const each = (fn: (job: DueJob) => Promise<JobResult>) => (jobs: DueJob[]) => Promise.all(jobs.map(fn));
  const pollIdOf = (job: DueJob) => String(job.payload?.pollId ?? '');

  const close: JobHandler = {
    kind: POLL_JOBS.close,
    run: each(async (job) => {
      const current = await deps.polls.get(job, pollIdOf(job));
      if (!current) return { outcome: { status: 'skipped', reason: 'poll-gone' } };
      if (current.value.resultsPosted) return { outcome: { status: 'skipped', reason: 'already-closed' } };
      const { poll } = await closePoll(deps, job, current.value.id);
      const status = await channel.postResults(poll.value, job.lateByMs);
      return { outcome: status === 'done' ? { status: 'done' } : { status: 'retry', reason: 'results-not-posted' } };
    }),
  };

  const refresh: JobHandler = {
    kind: POLL_JOBS.cardRefresh,
    run: each(async (job) => {
      const current = await deps.polls.get(job, pollIdOf(job));
      if (!current) return { outcome: { status: 'skipped', reason: 'poll-gone' } };
      const status = await channel.update(current.value);
      return { outcome: status === 'retry' ? { status: 'retry', reason: 'update-failed' } : status === 'skipped' ? { status: 'skipped', reason: 'not-posted' } : { status: 'done' } };
    }),
  };

  const reminder: JobHandler = {
    kind: POLL_JOBS.reminder,
    run: each(async (job) => {
      const current = await deps.polls.get(job, pollIdOf(job));
      if (!current || !isOpen(current.value, ctx.clock.now())) return { outcome: { status: 'skipped', reason: 'poll-closed' } };
      const poll = current.value;
      const language = groupLanguage((await ctx.repos.groups.get(poll))?.value ?? {});
      const t = translator(ctx.i18n, language);
      const when = formatLocal(poll.closesAt, poll.timeZone, language);
      const members = (await deps.members.list(poll)).filter((m) => m.active);
      const voters = await deps.polls.voters(poll);
      const base = { teamId: poll.teamId, pollId: poll.id, question: poll.question };
      // A re-run of this job after a crash does not post what was already recorded as sent.
      const once = (part: number) => ({ onceKey: [job.tenantId, job.teamId, job.kind, job.key, job.dueAt.toISOString(), part].join('|') });
      if (poll.anonymous) {
        // Anonymous: who has not voted is known but not named in public; the channel is nudged.
        const body = t('polls.reminder.anonymous', { when, count: voters.size, total: members.length });
        const d = await ctx.notifier.postToGroup(poll, { card: renderPollReminder(t, { ...base, body }), purpose: 'poll:reminder', ...once(0) });
        return { outcome: d.status === 'failed' ? { status: 'retry', reason: 'not-posted' } : { status: 'done' } };
      }
      const missing = members.filter((m) => m.userId && !voters.has(m.aadObjectId.toLowerCase())).sort((a, b) => a.name.localeCompare(b.name));
      if (missing.length === 0) return { outcome: { status: 'done', note: 'everyone-voted' } };
      const text = t('polls.reminder.named', { when });
      // Teams notifies at most 20 people per message: one post per 20, the card only on the first.
      for (let i = 0; i < missing.length; i += MAX_MENTIONS) {
        const mentions = missing.slice(i, i + MAX_MENTIONS).map((m) => ({ userId: m.userId!, name: m.name }));
        const d = await ctx.notifier.postToGroup(poll, { text, mentions, ...(i === 0 ? { card: renderPollReminder(t, { ...base, body: text }) } : {}), purpose: 'poll:reminder', ...once(i) });
        if (d.status === 'inactive') break;
      }
      return { outcome: { status: 'done' } };
    }),
  };

  return [close, refresh, reminder];
}
