import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { POLL_FORM_ERROR_FIELDS, renderPollForm } from './cards/poll-form-card';
import type { FormError } from '../../platform/cards/field-errors';
import { POLL_VERBS, RECORD_AS_DECISION_VERB } from './cards/verbs';
import { QuorumError } from '../../kernel/errors';
import type { Group } from '../../kernel/group';
import { castVote, loadPoll } from './domain/cast-vote.use-case';
import { assertCanCreatePoll } from './domain/create-poll.use-case';
import type { PollDeps } from './domain/poll-deps';
import { computeResults } from './domain/results';
import { localParts } from '../../kernel/local-time';
import { nextSession, type SessionRepository } from '../sessions';
import type { PollsStorage } from './storage/polls.storage';
import { decisionFormCard, linkDirectory } from '../decisions';
import { formError } from '../../platform/teams/form-error';
import type { CardActionResult, Feature, FeatureContext, TurnScope } from '../../platform/teams/feature';
import type { Repositories } from '../../kernel/ports';
import { parsePayload } from '../../platform/cards/payload';
import { PollActions } from './chat/poll-actions';
import { pollListCard } from './chat/poll-list';
import { PollChannel } from './chat/poll-channel';
import { pollJobs } from './jobs/poll-jobs';
import { personalCard } from './chat/poll-personal';
import { pollRoutes } from './routes/poll-routes';
import { pollsPersonalData } from './person-data';
import { PollVoteCaches } from './chat/vote-caches';
import { answersOf, pollRefPayload, pollVotePayload, pollCreatePayload } from './cards/payloads';
import WORDS from './locales/commands.json';
import ARGUMENTS from './locales/arguments.json';
import { argumentNamed } from '../../platform/i18n/argument-words';

/** The repositories polls use: their own, and the sessions' (a poll may be for a session). */
export type PollsRepositories = Repositories & { polls: PollsStorage; sessions: { sessions: SessionRepository } };

/** Ballots refused for what was chosen (not for who votes or when): answered with the card. */
const BALLOT_REASONS = new Set(['polls.errors.noChoice', 'polls.errors.tooManyChoices', 'polls.errors.answerEveryOption', 'polls.errors.unknownOption']);

const newPollId = () => `p${randomBytes(8).toString('hex')}`;

/** Polls ahead of sessions: create (card form), vote (Action.Execute + refresh), close, remind, export. */
export function createPollsFeature(ctx: FeatureContext<PollsRepositories>): Feature {
  const deps: PollDeps = {
    polls: ctx.repos.polls.polls,
    settings: ctx.repos.polls.settings,
    sessions: ctx.repos.sessions.sessions,
    members: ctx.repos.members,
    roles: ctx.roles,
    clock: ctx.clock,
    scheduler: ctx.scheduler,
  };
  const channel = new PollChannel(ctx, deps);
  const decisionLinks = linkDirectory({ sessions: ctx.repos.sessions.sessions, polls: ctx.repos.polls.polls });
  const caches = new PollVoteCaches(deps);
  const actions = new PollActions(deps, channel, ctx.logger);

  const form = async (s: TurnScope, group: Group, pollId = newPollId(), error?: FormError, values?: Record<string, string>) => {
    const now = deps.clock.now();
    const sessions = (await deps.sessions.list(group)).filter((x) => x.status !== 'closed' && x.endsAt > now);
    const soon = nextSession(sessions, now);
    const defaults = values ?? { closesDate: localParts(new Date(now.getTime() + 7 * 86_400_000), group.timeZone).date, closesTime: '17:00', ...(soon ? { sessionId: soon.id } : {}) };
    return renderPollForm(s.t, {
      teamId: group.teamId,
      pollId,
      timeZone: group.timeZone,
      sessions: sessions.map((x) => ({ id: x.id, title: x.title })),
      ...(error ? { error } : {}),
      values: defaults,
    });
  };

  /** Votes and views name a team: outside it (another team or tenant, or not a member) the answer is the same clear refusal. */
  const asVoter = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      if (err instanceof QuorumError && ['group-inactive', 'group-unknown', 'not-a-member', 'forbidden'].includes(err.code)) {
        throw new QuorumError('not-a-member', 'voter outside the poll team', { reason: 'polls.errors.notInTeam' });
      }
      throw err;
    }
  };
  const voterGroup = (s: TurnScope): Promise<Group> =>
    asVoter(async () => {
      const group = await s.group();
      await deps.roles.assertMember(s.caller, group);
      return group;
    });

  const create = async (s: TurnScope, data: unknown): Promise<CardActionResult> => {
    const p = parsePayload(pollCreatePayload, data);
    const group = await s.group();
    const { teamId: _t, pollId, ...input } = p;
    try {
      const { poll, posted } = await actions.create(s.caller, group, pollId, input);
      const text = s.t(posted ? 'polls.created' : 'polls.createdNotPosted');
      return { card: await personalCard(s, deps, poll, { notice: { text, tone: posted ? 'good' : 'attention' } }) };
    } catch (err) {
      // A refused form comes back with its values and the reason, and nothing is stored.
      if (!(err instanceof QuorumError) || err.code !== 'validation') throw err;
      const values = Object.fromEntries(Object.entries(input).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      return { card: await form(s, group, pollId, formError(err, s.t, ctx.logger, 'card:poll.create', POLL_FORM_ERROR_FIELDS), values) };
    }
  };

  const vote = async (s: TurnScope, data: unknown): Promise<CardActionResult> => {
    const p = parsePayload(pollVotePayload, data);
    let cast: Awaited<ReturnType<typeof castVote>>;
    try {
      cast = await asVoter(async () => castVote(deps, s.caller, await s.group(), p.pollId, p.choice, answersOf(p), caches.readPoll));
    } catch (err) {
      // "Vote" with nothing (or too much) chosen: the card again, the reason beside the choices.
      const reason = err instanceof QuorumError ? String(err.params.reason ?? '') : '';
      if (!BALLOT_REASONS.has(reason)) throw err;
      const poll = (await loadPoll(deps, await voterGroup(s), p.pollId)).value;
      const text = formError(err, s.t, ctx.logger, 'card:poll.vote', {}).text;
      return { card: await personalCard(s, deps, poll, { changing: true, ballotError: { text, ...(p.choice !== undefined ? { choice: p.choice } : {}), answers: answersOf(p) } }) };
    }
    const { poll, outcome, role, ballot, previous } = cast;
    const tally = await caches.tallyAfter(poll, outcome, ballot, previous);
    await channel.noteVote(poll).catch((err: unknown) => ctx.logger.warn({ err, pollId: poll.id }, 'channel card refresh not scheduled'));
    const key = { recorded: 'recorded', changed: 'changed', unchanged: 'unchanged', 'already-voted': 'alreadyVoted' }[outcome];
    return {
      card: await personalCard(s, deps, poll, {
        notice: { text: s.t(`polls.card.${key}`), tone: outcome === 'already-voted' ? 'attention' : 'good' },
        known: { role, mine: poll.anonymous ? undefined : ballot, tally },
      }),
    };
  };

  const view = async (s: TurnScope, data: unknown): Promise<CardActionResult> => {
    const p = parsePayload(pollRefPayload, data);
    const group = await voterGroup(s);
    return { card: await personalCard(s, deps, (await loadPoll(deps, group, p.pollId)).value, { changing: p.change === true }) };
  };

  const close = async (s: TurnScope, data: unknown): Promise<CardActionResult> => {
    const p = parsePayload(pollRefPayload, data);
    const { poll } = await actions.close(s.caller, await s.group(), p.pollId);
    return { card: await personalCard(s, deps, poll, { notice: { text: s.t('polls.card.closedNow'), tone: 'good' } }) };
  };

  /**
   * "Record as decision": the form is pre-filled on the server from the stored poll and its
   * sealed results (question as title, results as text), never from the card's data.
   */
  const decide = async (s: TurnScope, data: unknown): Promise<CardActionResult> => {
    const p = parsePayload(pollRefPayload, data);
    const group = await s.group();
    await deps.roles.assertCoChair(s.caller, group);
    const poll = (await loadPoll(deps, group, p.pollId)).value;
    if (poll.status !== 'closed') throw new QuorumError('validation', 'poll still open', { reason: 'polls.errors.decideOpen' });
    const results = computeResults(poll, await deps.polls.tally(poll));
    const lines = results.options.map(
      (r) => `${r.leading ? '★ ' : ''}${s.t('label', { label: r.text })} ${poll.kind === 'availability' ? `${r.count} / ${r.maybe} / ${r.no}` : `${r.count} (${r.percent}%)`}`,
    );
    const text = [s.t('polls.decide.summary', { count: results.voters }), ...lines].join('\n');
    return { card: await decisionFormCard(decisionLinks, s, { title: poll.question, text, pollId: poll.id, ...(poll.sessionId ? { sessionId: poll.sessionId } : {}) }) };
  };

  return {
    name: 'polls',
    personalData: pollsPersonalData(ctx.repos.polls.person),
    commands: [
      {
        id: 'poll',
        words: WORDS.poll,
        usageKey: 'polls.usage.poll',
        descriptionKey: 'polls.commands.poll',
        audience: 'everyone',
        inMenu: true,
        run: async (s) => {
          const group = await s.group();
          await assertCanCreatePoll(deps, s.caller, group);
          await s.sendCard(await form(s, group));
        },
      },
      {
        id: 'polls',
        words: WORDS.polls,
        usageKey: 'polls.usage.list',
        descriptionKey: 'polls.commands.list',
        audience: 'everyone',
        run: async (s) => s.sendCard(await pollListCard(s, deps, await voterGroup(s))),
      },
      {
        id: 'poll-settings',
        words: WORDS['poll-settings'],
        usageKey: 'polls.usage.settings',
        descriptionKey: 'polls.commands.settings',
        audience: 'co-chair',
        run: async (s, args) => {
          const group = await s.group();
          await deps.roles.assertCoChair(s.caller, group);
          // `members on`, in English or the command's language (locales/arguments.json).
          const [first = '', setting = '', ...extra] = args.trim().split(/\s+/);
          const value = argumentNamed(ARGUMENTS, setting, s.t.language);
          if (argumentNamed(ARGUMENTS, first, s.t.language) !== 'members' || (value !== 'on' && value !== 'off') || extra.length) return s.sendText(s.t('polls.settings.usage'));
          const on = value === 'on';
          const current = await deps.settings.get(group);
          await deps.settings.put(group, { membersCanCreate: on }, current?.etag);
          await s.sendText(s.t(on ? 'polls.settings.on' : 'polls.settings.off'));
        },
      },
    ],
    verbs: [
      {
        verb: POLL_VERBS.form,
        run: async (s, data) => {
          parsePayload(z.strictObject({ teamId: z.string().min(1).max(256) }), data);
          const group = await s.group();
          await assertCanCreatePoll(deps, s.caller, group);
          return { card: await form(s, group) };
        },
      },
      { verb: POLL_VERBS.create, run: create },
      { verb: POLL_VERBS.vote, run: vote },
      { verb: POLL_VERBS.view, run: view },
      { verb: POLL_VERBS.close, run: close },
      { verb: RECORD_AS_DECISION_VERB, run: decide },
    ],
    jobs: pollJobs(ctx, deps, channel),
    routes: pollRoutes(deps, actions, newPollId),
  };
}
