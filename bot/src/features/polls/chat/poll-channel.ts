import { renderPollCard } from '../cards/poll-card';
import type { AdaptiveCard } from '../../../platform/cards/render';
import { markResultsPosted } from '../domain/close-poll.use-case';
import { canSeeResults, isOpen, type Poll } from '../domain/poll';
import { CARD_REFRESH_WINDOW_MS, POLL_JOBS, type PollDeps } from '../domain/poll-deps';
import { computeResults } from '../domain/results';
import { groupLanguage } from '../../../kernel/languages';
import { retryOnConflict } from '../../../kernel/retry-on-conflict';
import { translator } from '../../../platform/i18n/i18n';
import type { FeatureContext } from '../../../platform/teams/feature';

const LATE_NOTE_AFTER_MS = 5 * 60_000;

/**
 * The poll as the channel sees it: posted once, then updated as votes arrive — at most once
 * per refresh window per poll, whatever the number of instances (see docs/polls.md).
 */
export class PollChannel {
  /** Per instance: until when a refresh is known to be scheduled for a poll (saves a read per vote). */
  private readonly knownWindows = new Map<string, number>();

  constructor(
    private readonly ctx: FeatureContext,
    private readonly deps: PollDeps,
  ) {}

  async card(poll: Poll, mode: 'channel' | 'results', lateByMs = 0): Promise<AdaptiveCard> {
    // Everyone in the channel reads it: the group's language, not the voter's.
    const language = groupLanguage((await this.ctx.repos.groups.get(poll))?.value ?? {});
    const t = translator(this.ctx.i18n, language);
    const now = this.ctx.clock.now();
    const members = (await this.deps.members.list(poll)).filter((m) => m.active);
    const tally = await this.deps.polls.tally(poll);
    // What everyone may see: co-chairs-only results never go in a shared card.
    const visible = canSeeResults(poll, false, now);
    const open = isOpen(poll, now);
    return renderPollCard(t, {
      poll,
      mode,
      language,
      voters: tally.voters,
      electorate: members.length,
      ...(visible ? { results: computeResults(poll, tally) } : {}),
      resultsHidden: !visible,
      isCoChair: false,
      isOpen: open,
      ...(lateByMs > LATE_NOTE_AFTER_MS ? { lateNote: t('polls.card.late') } : {}),
      refreshUserIds: members.flatMap((m) => (m.userId ? [m.userId] : [])),
    });
  }

  /** Posts a new poll and remembers where, so later updates replace that post. */
  async post(poll: Poll): Promise<boolean> {
    const delivery = await this.ctx.notifier.postToGroup(poll, { card: await this.card(poll, 'channel'), purpose: 'poll:opened' });
    if (delivery.status !== 'sent') return false;
    const group = await this.ctx.repos.groups.get(poll);
    await retryOnConflict(async () => {
      const current = await this.deps.polls.get(poll, poll.id);
      if (!current) return;
      await this.deps.polls.update({ ...current.value, channelActivityId: delivery.activityId, channelConversationId: group?.value.channelConversationId ?? '' }, current.etag);
    });
    return true;
  }

  /** Replaces the channel post with the current state. */
  async update(poll: Poll): Promise<'done' | 'skipped' | 'retry'> {
    if (!poll.channelActivityId || !poll.channelConversationId) return 'skipped';
    const card = await this.card(poll, 'channel');
    const d = await this.ctx.notifier.update(poll.tenantId, poll.channelConversationId, poll.channelActivityId, { card, purpose: 'poll:update' });
    return d.status === 'failed' ? 'retry' : 'done';
  }

  /**
   * After a vote: make sure a refresh of the channel card is scheduled for the end of the
   * current window. The first vote of a window claims it (ETag) and schedules the job; later
   * votes of that window see the claim and rely on that job, which runs after they committed.
   */
  async noteVote(poll: Poll): Promise<void> {
    const key = `${poll.tenantId}|${poll.teamId}|${poll.id}`;
    const now = this.ctx.clock.now();
    if ((this.knownWindows.get(key) ?? 0) > now.getTime()) return;
    const w = await this.deps.polls.claimRefreshWindow(poll, now, CARD_REFRESH_WINDOW_MS);
    if (w.claimed) {
      await this.ctx.scheduler.schedule({
        tenantId: poll.tenantId,
        teamId: poll.teamId,
        kind: POLL_JOBS.cardRefresh,
        key: `${poll.id}|${now.getTime()}`,
        dueAt: w.windowEnd,
        payload: { pollId: poll.id },
      });
    }
    if (this.knownWindows.size > 10_000) this.knownWindows.clear();
    this.knownWindows.set(key, w.windowEnd.getTime());
  }

  /** The results post, then the original card shows the closed poll. */
  async postResults(poll: Poll, lateByMs: number): Promise<'done' | 'retry'> {
    // A poll's results are posted once, whoever closes it and however often the closing runs.
    const onceKey = [poll.tenantId, poll.teamId, 'poll:results', poll.id].join('|');
    const d = await this.ctx.notifier.postToGroup(poll, { card: await this.card(poll, 'results', lateByMs), purpose: 'poll:results', onceKey });
    if (d.status === 'failed') return 'retry';
    await markResultsPosted(this.deps, poll, poll.id);
    await this.update(poll);
    return 'done';
  }
}
