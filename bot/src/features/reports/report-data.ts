import { decisionsFor, type ReadDeps } from '../decisions';
import { QuorumError } from '../../kernel/errors';
import type { Group } from '../../kernel/group';
import type { Caller } from '../../kernel/identity';
import type { Role } from '../../kernel/member';
import { canSeeResults } from '../polls';
import type { PollRepository } from '../polls';
import { computeResults } from '../polls';
import { buildSessionReport, buildYearReport, mayHaveClosedDuring, type PollWithResults } from './domain/report-builders';
import type { SessionReport, YearReport } from './domain/report-model';
import { nextSession, type Session, type SessionRepository } from '../sessions';
import type { HistoryEntry } from '../work-plan';
import type { ActionItemRepository } from '../work-plan';
import type { Clock } from '../../kernel/clock';
import type { RolePolicy } from '../../kernel/roles';
import type { Repositories } from '../../kernel/ports';
import type { DecisionStore, PseudonymStore } from '../decisions';
import type { FeatureContext } from '../../platform/teams/feature';

/** What reports read: the other features' repositories (their ports), handed in by the composition root. */
export type ReportsRepositories = Repositories & {
  decisions: { store: DecisionStore; people: PseudonymStore };
  sessions: { sessions: SessionRepository };
  polls: { polls: PollRepository };
  workPlan: { items: ActionItemRepository };
};

/** Reports read through the other features' repositories; they never write. */
export interface ReportServices {
  decisions: ReadDeps;
  sessions: SessionRepository;
  polls: PollRepository;
  items: ActionItemRepository;
  roles: RolePolicy;
  clock: Clock;
}

export function createReportServices(ctx: FeatureContext<ReportsRepositories>): ReportServices {
  const { decisions, sessions, polls, workPlan } = ctx.repos;
  return {
    decisions: { store: decisions.store, people: decisions.people, members: ctx.repos.members, roles: ctx.roles },
    sessions: sessions.sessions,
    polls: polls.polls,
    items: workPlan.items,
    roles: ctx.roles,
    clock: ctx.clock,
  };
}

const HISTORY_READS = 8;

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export function parseYear(text: string): number {
  const year = /^\d{4}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!(year >= MIN_YEAR && year <= MAX_YEAR)) throw new QuorumError('validation', 'bad report year', { reason: 'reports.errors.badYear' });
  return year;
}

const sessionNotFound = () => new QuorumError('not-found', 'no such session', { reason: 'reports.errors.sessionNotFound' });

export async function sessionById(svc: ReportServices, group: Group, id: string): Promise<Session> {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) throw sessionNotFound();
  return (await svc.sessions.get(group, id))?.value ?? Promise.reject(sessionNotFound());
}

/** `report session`: the one running, else the last one that started, else the next one planned. */
export async function currentSession(svc: ReportServices, group: Group): Promise<Session> {
  const now = svc.clock.now();
  const all = await svc.sessions.list(group);
  const running = all.find((s) => s.status !== 'closed' && s.startsAt <= now && s.endsAt > now);
  const last = all.filter((s) => s.startsAt <= now).sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime())[0];
  const found = running ?? last ?? nextSession(all, now);
  if (!found) throw new QuorumError('not-found', 'no session', { reason: 'reports.errors.noSession' });
  return found;
}

/** A poll's results only as its visibility rule lets this reader see them (counts, never voters). */
async function withResults(svc: ReportServices, role: Role | undefined, polls: PollWithResults['poll'][]): Promise<PollWithResults[]> {
  const now = svc.clock.now();
  return Promise.all(
    polls.map(async (poll) => {
      const tally = await svc.polls.tally(poll);
      return { poll, voters: tally.voters, ...(canSeeResults(poll, role === 'co-chair', now) ? { results: computeResults(poll, tally) } : {}) };
    }),
  );
}

export async function sessionReport(svc: ReportServices, caller: Caller, group: Group, session: Session): Promise<SessionReport> {
  const role = await svc.roles.assertMember(caller, group);
  return assembleSessionReport(svc, group, session, role, decisionsFor(svc.decisions, caller, group, { sessionId: session.id }));
}

/**
 * The summary Quorum posts in a session's meeting chat on its own initiative: nobody asked,
 * so poll results are shown as any member may see them (never a co-chairs-only result).
 */
export async function sessionReportForMeeting(svc: ReportServices, group: Group, session: Session): Promise<SessionReport> {
  const asBot = { ...svc.decisions, roles: { assertMember: async () => undefined } };
  return assembleSessionReport(svc, group, session, 'member', decisionsFor(asBot, { tenantId: group.tenantId, aadObjectId: 'quorum-bot' }, group, { sessionId: session.id }));
}

async function assembleSessionReport(svc: ReportServices, group: Group, session: Session, role: Role | undefined, sessionDecisions: ReturnType<typeof decisionsFor>): Promise<SessionReport> {
  const linked = new Set(session.agenda.flatMap((a) => a.pollIds));
  const [decisions, polls, items] = await Promise.all([sessionDecisions, svc.polls.list(group), svc.items.list(group)]);
  const histories = new Map<number, HistoryEntry[]>();
  // A few partition queries at a time: a long-past session may have many items changed since.
  const toRead = mayHaveClosedDuring(items, session);
  for (let i = 0; i < toRead.length; i += HISTORY_READS) {
    await Promise.all(toRead.slice(i, i + HISTORY_READS).map(async (item) => histories.set(item.number, await svc.items.history(group, item.number))));
  }
  return buildSessionReport({
    groupName: group.name,
    timeZone: group.timeZone,
    now: svc.clock.now(),
    session,
    decisions,
    polls: await withResults(
      svc,
      role,
      polls.filter((p) => p.sessionId === session.id || linked.has(p.id)),
    ),
    items,
    histories,
  });
}

export async function yearReport(svc: ReportServices, caller: Caller, group: Group, year: number): Promise<YearReport> {
  await svc.roles.assertMember(caller, group);
  const [decisions, items] = await Promise.all([decisionsFor(svc.decisions, caller, group, { year }), svc.items.list(group)]);
  return buildYearReport({ groupName: group.name, timeZone: group.timeZone, now: svc.clock.now(), year, decisions, items });
}
