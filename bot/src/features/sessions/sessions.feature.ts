import { groupLanguage } from '../../kernel/languages';
import { randomBytes } from 'node:crypto';
import { SESSION_VERBS } from './cards/verbs';
import { QuorumError } from '../../kernel/errors';
import type { DueJob, JobResult } from '../../kernel/scheduling';
import { saveSession, SESSION_REMINDER_JOB, type SessionDeps } from './domain/save-session.use-case';
import { nextSession, noOpenItems, SESSION_REMINDERS, type OpenItemsSource } from './domain/session';
import { languageOf, translator } from '../../platform/i18n/i18n';
import type { SessionsStorage } from './storage/sessions.storage';
import { presentError } from '../../platform/teams/errors.presenter';
import type { CardActionResult, Feature, FeatureContext, TurnScope } from '../../platform/teams/feature';
import { parsePayload } from '../../platform/cards/payload';
import { sessionIcs } from './routes/session-ics';
import { sessionsPersonalData } from './person-data';
import { sessionCard, sessionFormFor, sessionJson } from './chat/session-views';
import { liveRoutes } from './routes/live-routes';
import { createReportServices, type ReportsRepositories } from '../reports';
import { sessionRefPayload, sessionSavePayload } from './cards/payloads';
import type { NextSession } from './routes/sessions.contract';
import WORDS from './locales/commands.json';
import { tabLinks } from '../../platform/cards/tab-link';
const newSessionId = () => `s${randomBytes(8).toString('hex')}`;
const notFound = () => new QuorumError('not-found', 'no such session', { reason: 'sessions.errors.notFound' });

/**
 * Sessions: co-chairs plan them (card form), everyone sees the next one, the channel is
 * reminded before. `openItems` is the work-plan's port for the review list (wired later).
 */
/** The repositories sessions use: their own, and what the session report reads (decisions, polls, work plan). */
export type SessionsRepositories = ReportsRepositories & { sessions: SessionsStorage };

export function createSessionsFeature(ctx: FeatureContext<SessionsRepositories>, opts: { openItems?: OpenItemsSource } = {}): Feature {
  const sessions = ctx.repos.sessions.sessions;
  const deps: SessionDeps = { sessions, roles: ctx.roles, clock: ctx.clock, scheduler: ctx.scheduler };
  const openItems = opts.openItems ?? noOpenItems;
  const live = ctx.repos.sessions.live;
  const tabLink = tabLinks(ctx.publicBaseUrl);

  const showNext = async (s: TurnScope) => {
    const group = await s.group();
    await ctx.roles.assertMember(s.caller, group);
    const next = nextSession(await sessions.list(group), ctx.clock.now());
    if (!next) return s.sendText(s.t('sessions.none'));
    await s.sendCard(await sessionCard(s.t, languageOf(s.id.locale), next, { canEdit: (await s.role()) === 'co-chair', openItems, tabLink }));
  };

  const form = async (s: TurnScope, data: unknown): Promise<CardActionResult> => {
    const p = parsePayload(sessionRefPayload, data);
    const group = await s.group();
    await ctx.roles.assertCoChair(s.caller, group);
    const existing = p.sessionId ? await sessions.get(group, p.sessionId) : undefined;
    if (p.sessionId && !existing) throw notFound();
    return { card: sessionFormFor(s.t, group, p.sessionId ?? newSessionId(), existing) };
  };

  const save = async (s: TurnScope, data: unknown): Promise<CardActionResult> => {
    const { teamId: _t, sessionId, etag, ...fields } = parsePayload(sessionSavePayload, data);
    const group = await s.group();
    const input = { title: '', startDate: '', startTime: '', endDate: '', endTime: '', timeZone: '', ...fields };
    try {
      const saved = await saveSession(deps, s.caller, group, sessionId, input, etag);
      ctx.logger.info({ tenantId: group.tenantId, teamId: group.teamId, sessionId, edit: Boolean(etag) }, 'session saved');
      return { card: await sessionCard(s.t, languageOf(s.id.locale), saved.value, { canEdit: true, openItems, tabLink, notice: s.t('sessions.card.saved') }) };
    } catch (err) {
      if (!(err instanceof QuorumError) || err.code !== 'validation') throw err;
      const existing = etag ? await sessions.get(group, sessionId) : undefined;
      return { card: sessionFormFor(s.t, group, sessionId, existing && etag ? { value: existing.value, etag } : undefined, input, presentError(err, s.t, ctx.logger, 'card:session.save').text) };
    }
  };

  const remind = async (job: DueJob): Promise<JobResult> => {
    const id = String(job.payload?.sessionId ?? '');
    const which = SESSION_REMINDERS.find((r) => r.id === job.payload?.reminder);
    const current = await sessions.get(job, id);
    if (!current || !which || current.value.status === 'closed') return { outcome: { status: 'skipped', reason: 'session-gone-or-closed' } };
    // The start moved since this reminder was scheduled: the rescheduled one will run instead.
    if (Math.abs(current.value.startsAt.getTime() - which.beforeMs - job.dueAt.getTime()) > 60_000) return { outcome: { status: 'skipped', reason: 'stale' } };
    // The channel reads it: in the group's language.
    const language = groupLanguage((await ctx.repos.groups.get(job))?.value ?? {});
    const t = translator(ctx.i18n, language);
    const late = job.lateByMs > 30 * 60_000 ? ` ${t('sessions.reminder.late')}` : '';
    const card = await sessionCard(t, language, current.value, { canEdit: false, openItems, tabLink, notice: `${t(`sessions.reminder.${which.id}`)}${late}` });
    // A re-run of this job after a crash does not post what was already recorded as sent.
    const onceKey = [job.tenantId, job.teamId, job.kind, job.key, job.dueAt.toISOString()].join('|');
    const d = await ctx.notifier.postToGroup(job, { card, purpose: `session:reminder-${which.id}`, onceKey });
    return { outcome: d.status === 'failed' ? { status: 'retry', reason: d.reason } : { status: 'done' } };
  };

  const byId = async (group: Parameters<typeof sessions.get>[0], id: string | undefined) => (await sessions.get(group, id ?? ''))?.value ?? Promise.reject(notFound());

  return {
    name: 'sessions',
    personalData: sessionsPersonalData(ctx.repos.sessions.person),
    commands: [
      { id: 'session', words: WORDS.session, usageKey: 'sessions.usage.next', descriptionKey: 'sessions.commands.next', audience: 'everyone', inMenu: true, run: showNext },
      {
        id: 'session-new',
        words: WORDS['session-new'],
        usageKey: 'sessions.usage.new',
        descriptionKey: 'sessions.commands.new',
        audience: 'co-chair',
        run: async (s) => {
          const group = await s.group();
          await ctx.roles.assertCoChair(s.caller, group);
          await s.sendCard(sessionFormFor(s.t, group, newSessionId()));
        },
      },
    ],
    verbs: [
      { verb: SESSION_VERBS.form, run: form },
      { verb: SESSION_VERBS.save, run: save },
      {
        verb: SESSION_VERBS.view,
        run: async (s, data) => {
          const p = parsePayload(sessionRefPayload, data);
          const group = await s.group();
          await ctx.roles.assertMember(s.caller, group);
          const session = await byId(group, p.sessionId);
          return { card: await sessionCard(s.t, languageOf(s.id.locale), session, { canEdit: (await s.role()) === 'co-chair', openItems, tabLink }) };
        },
      },
    ],
    jobs: [{ kind: SESSION_REMINDER_JOB, run: (jobs) => Promise.all(jobs.map(remind)) }],
    routes: [
      {
        method: 'get',
        path: 'sessions',
        audience: 'member',
        handle: async (scope) => ({ json: (await sessions.list(scope.group)).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).map(sessionJson) }),
      },
      {
        method: 'get',
        path: 'sessions/next',
        audience: 'member',
        handle: async (scope) => {
          const next = nextSession(await sessions.list(scope.group), ctx.clock.now());
          return { json: (next ? { ...sessionJson(next), review: await openItems.openItems(scope.group) } : null) satisfies NextSession };
        },
      },
      { method: 'get', path: 'sessions/:id', audience: 'member', handle: async (scope, req) => ({ json: sessionJson(await byId(scope.group, req.params.id)) }) },
      {
        method: 'get',
        path: 'sessions/:id/ics',
        audience: 'member',
        handle: async (scope, req) => {
          const session = await byId(scope.group, req.params.id);
          return { body: sessionIcs(session, scope.group.name), contentType: 'text/calendar; charset=utf-8', filename: `session-${session.id}.ics` };
        },
      },
      // The session view's shared timer and outcomes.
      ...liveRoutes({ sessions, live, roles: ctx.roles, clock: ctx.clock }, createReportServices(ctx)),
    ],
  };
}
