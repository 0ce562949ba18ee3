import { requestKey } from '../../../kernel/idempotency';
import { idempotencyKey } from '../../../platform/teams/idempotency-key';
import { z } from 'zod';
import { QuorumError } from '../../../kernel/errors';
import { loadPoll } from '../domain/cast-vote.use-case';
import { canSeeResults, isOpen, type Poll } from '../domain/poll';
import type { PollDeps } from '../domain/poll-deps';
import { computeResults } from '../domain/results';
import type { ApiRoute, ApiScope } from '../../../platform/teams/feature';
import { pageRequest, takePage } from '../../../platform/teams/list-page';
import { parsePayload } from '../../../platform/cards/payload';
import type { PollActions } from '../chat/poll-actions';
import type { PollFormInput } from '../domain/poll-input';
import { createPollBody, pollsQuery, type ClosedPoll, type CreatedPoll, type CreatePollBody, type PollPage, type PollSummary } from './polls.contract';
import { countsCsv, namedCsv } from './poll-csv';

async function summary(deps: PollDeps, scope: ApiScope, poll: Poll): Promise<PollSummary> {
  const now = deps.clock.now();
  const tally = await deps.polls.tally(poll);
  const visible = canSeeResults(poll, scope.role === 'co-chair', now);
  return {
    id: poll.id,
    question: poll.question,
    options: poll.options,
    kind: poll.kind,
    maxChoices: poll.maxChoices,
    anonymous: poll.anonymous,
    visibility: poll.visibility,
    closesAt: poll.closesAt.toISOString(),
    timeZone: poll.timeZone,
    sessionId: poll.sessionId ?? null,
    open: isOpen(poll, now),
    voters: tally.voters,
    /** Members when the poll was created (the "n of m voted" of the channel card). */
    electorate: poll.electorate,
    createdAt: poll.createdAt.toISOString(),
    closedAt: poll.closedAt?.toISOString() ?? null,
    // Counts only, never who chose what (anonymous or not).
    results: visible ? computeResults(poll, tally) : null,
  };
}

/** Newest first; the id breaks ties, so the order is total and a page's end is exact. */
const pollCursor = z.strictObject({ createdAt: z.number().int().min(0), id: z.string().min(1).max(64) });
type PollCursor = z.infer<typeof pollCursor>;
const cursorOf = (p: Poll): PollCursor => ({ createdAt: p.createdAt.getTime(), id: p.id });
const newestFirst = (a: PollCursor, b: PollCursor) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The chat form's typed fields (one option per line: a line break inside an option is a space). */
function toFormInput(b: CreatePollBody): PollFormInput {
  return {
    question: b.question,
    options: b.options.map((o) => o.replace(/[\r\n]+/g, ' ')).join('\n'),
    kind: b.kind,
    ...(b.maxChoices === undefined || b.maxChoices === null ? {} : { maxChoices: String(b.maxChoices) }),
    anonymous: b.anonymous ? 'true' : 'false',
    visibility: b.visibility,
    closesDate: b.closesDate,
    closesTime: b.closesTime,
    ...(b.sessionId ? { sessionId: b.sessionId } : {}),
  };
}

/**
 * Tab API: a group's polls (optionally one session's), one poll, the CSV export, and
 * creating and closing — the same use cases and channel posts as in chat.
 */
export function pollRoutes(deps: PollDeps, actions: PollActions, newPollId: () => string): ApiRoute[] {
  return [
    {
      method: 'get',
      path: 'polls',
      audience: 'member',
      list: true,
      handle: async (scope, req) => {
        const paging = pageRequest('polls', scope.group, req.query, pollCursor);
        const { session } = parsePayload(pollsQuery, paging.filter);
        const polls = (await deps.polls.list(scope.group)).filter((p) => session === undefined || p.sessionId === session);
        const page = takePage(
          polls.sort((a, b) => newestFirst(cursorOf(a), cursorOf(b))),
          paging,
          (p, c) => newestFirst(cursorOf(p), c),
          cursorOf,
        );
        // Tallies are read for this page's polls only.
        return { json: { polls: await Promise.all(page.items.map((p) => summary(deps, scope, p))), nextPageToken: page.nextPageToken } satisfies PollPage };
      },
    },
    {
      // Co-chairs, and members when the group allows it: the use case decides, as in chat.
      method: 'post',
      path: 'polls',
      audience: 'member',
      handle: async (scope, req) => {
        const input = toFormInput(parsePayload(createPollBody, req.body));
        // With an Idempotency-Key the poll's id is the caller's key (scoped to them): a retry meets the poll it created.
        const key = idempotencyKey(req);
        const id = key === undefined ? newPollId() : `p${requestKey('poll', scope.group, scope.caller, key, null).id.slice(0, 16)}`;
        const { poll, posted } = await actions.create(scope.caller, scope.group, id, input);
        return { status: 201, json: { poll: await summary(deps, scope, poll), posted } satisfies CreatedPoll };
      },
    },
    {
      method: 'post',
      path: 'polls/:id/close',
      audience: 'co-chair',
      handle: async (scope, req) => {
        const { poll, closedNow } = await actions.close(scope.caller, scope.group, req.params.id ?? '');
        return { json: { poll: await summary(deps, scope, poll), closedNow } satisfies ClosedPoll };
      },
    },
    {
      method: 'get',
      path: 'polls/:id',
      audience: 'member',
      handle: async (scope, req) => ({ json: await summary(deps, scope, (await loadPoll(deps, scope.group, req.params.id ?? '')).value) }),
    },
    {
      method: 'get',
      path: 'polls/:id/csv',
      audience: 'co-chair',
      handle: async (scope, req) => {
        if (scope.role !== 'co-chair') throw new QuorumError('forbidden', 'co-chair role required');
        const { value: poll } = await loadPoll(deps, scope.group, req.params.id ?? '');
        if (!canSeeResults(poll, true, deps.clock.now())) throw new QuorumError('forbidden', 'results not visible yet', { reason: 'polls.card.hidden.after-close' });
        const body = poll.anonymous ? countsCsv(poll, computeResults(poll, await deps.polls.tally(poll))) : namedCsv(scope.t, poll, await deps.polls.namedVotes(poll));
        return { body, contentType: 'text/csv; charset=utf-8', filename: `poll-${poll.id}.csv` };
      },
    },
  ];
}
