import type { Clock } from '../kernel/clock';
import type { PersonRows } from '../kernel/person-data';
import type { Repositories } from '../kernel/ports';
import type { Logger } from '../platform/logging/logger';
import { ReadCache } from '../platform/storage/read-cache';
import { DELIVERY_TABLES } from '../platform/storage/delivery-log';
import { JOB_TABLES } from '../platform/storage/table-job-store';
import { CorePersonRows } from '../platform/storage/core-person-rows';
import { createRepositories } from '../platform/storage/repositories';
import { CORE_TABLES, createTableClients, type StorageTarget, type TableClients } from '../platform/storage/table-client.factory';
import type { FeatureContext } from '../platform/teams/feature';
import { createDecisionsStorage, DECISIONS_TABLES, type DecisionsStorage } from './decisions/storage/decisions.storage';
import { createMeetingsStorage, MEETINGS_TABLES, type MeetingsStorage } from './meetings/storage/meetings.storage';
import { createPollsStorage, POLLS_TABLES, type PollsStorage } from './polls/storage/polls.storage';
import { createSessionsStorage, SESSIONS_TABLES, type SessionsStorage } from './sessions/storage/sessions.storage';
import { createWorkPlanStorage, WORK_PLAN_TABLES, type WorkPlanStorage } from './work-plan/storage/work-plan.storage';

/**
 * The table catalogue: every table Quorum stores in, joined from the names each owner declares
 * beside its storage (the platform's in platform/storage, each feature's in its storage/). Table
 * clients accept only these names, and a start creates all of them.
 */
export const TABLES = [...CORE_TABLES, ...DELIVERY_TABLES, ...JOB_TABLES, ...WORK_PLAN_TABLES, ...DECISIONS_TABLES, ...SESSIONS_TABLES, ...POLLS_TABLES, ...MEETINGS_TABLES] as const;
export type TableName = (typeof TABLES)[number];
export type QuorumTables = TableClients<TableName>;

/** Table clients for every catalogued table (the only way the service, the CLIs and the tests open storage). */
export function openTables(target: StorageTarget, prefix: string): QuorumTables {
  return createTableClients(target, prefix, TABLES);
}

/** Every repository, built once from the storage factories and handed to the features in FeatureContext.repos. */
export interface QuorumRepositories extends Repositories {
  corePerson: PersonRows;
  workPlan: WorkPlanStorage;
  decisions: DecisionsStorage;
  sessions: SessionsStorage;
  polls: PollsStorage;
  meetings: MeetingsStorage;
}

export type QuorumContext = FeatureContext<QuorumRepositories>;

export function createStorage(tables: QuorumTables, deps: { logger: Logger; clock: Clock; cache?: ReadCache }): QuorumRepositories {
  const core = createRepositories(tables, deps.cache);
  // Rows read once per turn, not kept across turns (see docs/caching.md).
  const turnReads = deps.cache && new ReadCache(0);
  return {
    ...core,
    corePerson: new CorePersonRows(tables),
    workPlan: createWorkPlanStorage(tables, core.members, deps.clock, turnReads),
    decisions: createDecisionsStorage(tables),
    sessions: createSessionsStorage(tables, deps.logger),
    polls: createPollsStorage(tables),
    meetings: createMeetingsStorage(tables),
  };
}
