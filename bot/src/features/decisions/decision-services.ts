import { KeyedSerializer } from '../../kernel/keyed-serializer';
import { wellFormedLinksOnly, type DecisionLinkChecker, type DecisionLinkDirectory } from './domain/ports';
import { linkDirectory, type ItemReader, type PollLister, type SessionLister } from './chat/link-directory';
import type { DecisionDeps } from './domain/record-decision.use-case';
import type { ReadDeps } from './domain/find-decisions.use-case';
import type { DecisionsStorage } from './storage/decisions.storage';
import type { Repositories } from '../../kernel/ports';
import type { FeatureContext } from '../../platform/teams/feature';

/** The repositories the register uses: its own, and the sessions', polls' and items' (to show links by name). */
export type DecisionsRepositories = Repositories & { decisions: DecisionsStorage; sessions: { sessions: SessionLister }; polls: { polls: PollLister }; workPlan: { items: ItemReader } };

export type DecisionServices = DecisionDeps &
  ReadDeps &
  Pick<FeatureContext, 'notifier' | 'logger' | 'i18n'> & {
    directory: DecisionLinkDirectory;
    /** One request key at a time (record, then announce): a double click's second submit waits for the first's whole answer. */
    requests: KeyedSerializer;
  };

/**
 * Built once per process (no I/O): the serializer must be shared by every turn so appends
 * of one group queue here rather than race for the head row.
 * `links` is the seam for sessions/polls/work-plan to check linked ids belong to the group.
 */
export function createDecisionServices(ctx: FeatureContext<DecisionsRepositories>, links: DecisionLinkChecker = wellFormedLinksOnly): DecisionServices {
  return {
    store: ctx.repos.decisions.store,
    people: ctx.repos.decisions.people,
    links,
    roles: ctx.roles,
    members: ctx.repos.members,
    clock: ctx.clock,
    serializer: new KeyedSerializer(),
    requests: new KeyedSerializer(),
    notifier: ctx.notifier,
    i18n: ctx.i18n,
    logger: ctx.logger,
    directory: linkDirectory({ sessions: ctx.repos.sessions.sessions, polls: ctx.repos.polls.polls, items: ctx.repos.workPlan.items }),
  };
}
