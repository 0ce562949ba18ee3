import { KeyedSerializer } from '../../kernel/keyed-serializer';
import { wellFormedLinksOnly, type DecisionLinkChecker, type DecisionLinkDirectory } from './domain/ports';
import { tableLinkDirectory } from './chat/link-directory';
import type { DecisionDeps } from './domain/record-decision.use-case';
import type { ReadDeps } from './domain/find-decisions.use-case';
import { DECISION_TABLES } from './storage/decision.entities';
import { TableDecisionStore } from './storage/decision.repository';
import { TablePseudonymStore } from './storage/pseudonym.repository';
import type { FeatureContext } from '../../platform/teams/feature';

export type DecisionServices = DecisionDeps &
  ReadDeps &
  Pick<FeatureContext, 'notifier' | 'logger'> & {
    directory: DecisionLinkDirectory;
    /** One request key at a time (record, then announce): a double click's second submit waits for the first's whole answer. */
    requests: KeyedSerializer;
  };

/**
 * Built once per process (no I/O): the serializer must be shared by every turn so appends
 * of one group queue here rather than race for the head row.
 * `links` is the seam for sessions/polls/work-plan to check linked ids belong to the group.
 */
export function createDecisionServices(ctx: FeatureContext, links: DecisionLinkChecker = wellFormedLinksOnly): DecisionServices {
  return {
    store: new TableDecisionStore(ctx.tables.table(DECISION_TABLES.chain)),
    people: new TablePseudonymStore(ctx.tables.table(DECISION_TABLES.people)),
    links,
    roles: ctx.roles,
    members: ctx.repos.members,
    clock: ctx.clock,
    serializer: new KeyedSerializer(),
    requests: new KeyedSerializer(),
    notifier: ctx.notifier,
    logger: ctx.logger,
    directory: tableLinkDirectory(ctx),
  };
}
