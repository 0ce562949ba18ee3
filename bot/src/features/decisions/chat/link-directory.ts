import type { DecisionLinkDirectory } from '../domain/ports';

/** What the directory reads of the sessions feature's repository (its port, handed in by the composition root). */
export interface SessionLister {
  list(group: { tenantId: string; teamId: string }): Promise<readonly { id: string; title: string; startsAt: Date; timeZone: string }[]>;
}

/** What the directory reads of the polls feature's repository. */
export interface PollLister {
  list(group: { tenantId: string; teamId: string }): Promise<readonly { id: string; question: string; createdAt: Date }[]>;
}

/** The group's sessions and polls by name, read through the sessions and polls features' repositories. */
export function linkDirectory(repos: { sessions: SessionLister; polls: PollLister }): DecisionLinkDirectory {
  const { sessions, polls } = repos;
  return {
    async sessions(group) {
      const all = [...(await sessions.list(group))];
      return all.sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime()).map((x) => ({ id: x.id, title: x.title, at: x.startsAt, timeZone: x.timeZone }));
    },
    async polls(group) {
      const all = [...(await polls.list(group))];
      return all.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).map((p) => ({ id: p.id, title: p.question }));
    },
  };
}
