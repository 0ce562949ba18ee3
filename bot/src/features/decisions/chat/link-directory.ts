import type { DecisionLinkDirectory } from '../domain/ports';
import { TablePollRepository } from '../../polls/storage/poll.repository';
import { TableSessionRepository } from '../../sessions/storage/session.repository';
import type { FeatureContext } from '../../../platform/teams/feature';

/** The group's sessions and polls by name, read from the sessions and polls features' tables. */
export function tableLinkDirectory(ctx: Pick<FeatureContext, 'tables'>): DecisionLinkDirectory {
  const sessions = new TableSessionRepository(ctx.tables.table('sessions'));
  const polls = new TablePollRepository(ctx.tables.table('polls'), ctx.tables.table('pollIndex'));
  return {
    async sessions(group) {
      const all = await sessions.list(group);
      return all.sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime()).map((x) => ({ id: x.id, title: x.title, at: x.startsAt, timeZone: x.timeZone }));
    },
    async polls(group) {
      const all = await polls.list(group);
      return all.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).map((p) => ({ id: p.id, title: p.question }));
    },
  };
}
