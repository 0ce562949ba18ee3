import type { DecisionLinkDirectory } from '../domain/ports';

/** What the directory reads of the sessions feature's repository (its port, handed in by the composition root). */
export interface SessionLister {
  list(group: { tenantId: string; teamId: string }): Promise<readonly { id: string; title: string; startsAt: Date; timeZone: string }[]>;
}

/** What the directory reads of the polls feature's repository. */
export interface PollLister {
  list(group: { tenantId: string; teamId: string }): Promise<readonly { id: string; question: string; createdAt: Date }[]>;
}

/** What the directory reads of the work-plan's repository: an item by its number. */
export interface ItemReader {
  get(group: { tenantId: string; teamId: string }, number: number): Promise<{ value: { title: string } } | undefined>;
}

/** `A-17`, `a17` or `17`, as the form takes an item's reference (the work-plan reads them so too). */
const ITEM_REF = /^(?:a-?)?(\d{1,9})$/i;

/** The group's sessions, polls and items by name, read through the sessions, polls and work-plan features' repositories. */
export function linkDirectory(repos: { sessions: SessionLister; polls: PollLister; items?: ItemReader }): DecisionLinkDirectory {
  const { sessions, polls, items } = repos;
  return {
    async itemTitles(group, ids) {
      const found = await Promise.all(
        ids.map(async (id) => {
          const n = ITEM_REF.exec(id)?.[1];
          return [id, n && items ? (await items.get(group, Number(n)))?.value.title : undefined] as const;
        }),
      );
      return new Map(found.filter((e): e is readonly [string, string] => e[1] !== undefined));
    },
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
