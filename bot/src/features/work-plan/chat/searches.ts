import type { CardSearch } from '../../../platform/teams/feature';
import { WORK_PLAN_DATASETS } from '../cards/pickers';
import { readSettings } from '../domain/settings.use-case';
import type { WorkPlanContext } from '../work-plan-context';
import { foldName } from './owner-by-name';

/** A query of a few words: more, or longer, match nothing a name could hold anyway. */
const MAX_WORDS = 8;
const MAX_WORD_CHARS = 100;

const wordsOf = (query: string) =>
  foldName(query)
    .split(' ')
    .filter(Boolean)
    .slice(0, MAX_WORDS)
    .map((w) => w.slice(0, MAX_WORD_CHARS));

/**
 * The typeahead of the owner and member pickers: the active members of the caller's own
 * group whose name holds every typed word (case and accents aside), by name. The group is
 * the dataset's team in the caller's own tenant, and only its members may search it: anyone
 * else (another group, another tenant) gets no results (card-search.handler logs the refusal).
 */
export function memberSearch(w: WorkPlanContext): CardSearch {
  return {
    dataset: WORK_PLAN_DATASETS.members,
    async run(s, query, page) {
      const group = await s.group();
      await w.roles.assertMember(s.caller, group);
      const words = wordsOf(query);
      const [members, orgs] = await Promise.all([w.repos.members.list(group), w.settings.memberOrganisations(group)]);
      return members
        .filter((m) => m.active && words.every((word) => foldName(m.name).includes(word)))
        .sort((a, b) => a.name.localeCompare(b.name))
        .slice(page.skip, page.skip + page.top)
        .map((m) => {
          const organisation = orgs.get(m.aadObjectId.toLowerCase());
          return { title: organisation ? s.t('workPlan.settings.memberLine', { name: m.name, organisation }) : m.name, value: m.aadObjectId };
        });
    },
  };
}

/** The typeahead of the organisation pickers: the group's organisations holding every typed word, in the settings' order. */
export function organisationSearch(w: WorkPlanContext): CardSearch {
  return {
    dataset: WORK_PLAN_DATASETS.organisations,
    async run(s, query, page) {
      const group = await s.group();
      await w.roles.assertMember(s.caller, group);
      const words = wordsOf(query);
      const { value: settings } = await readSettings(w, group);
      return settings.organisations
        .filter((o) => words.every((word) => foldName(o).includes(word)))
        .slice(page.skip, page.skip + page.top)
        .map((o) => ({ title: o, value: o }));
    },
  };
}
