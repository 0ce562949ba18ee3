/**
 * Pickers of members and organisations on the work-plan's forms. A group of a few people
 * lists them all; a larger one (200 members, 100 organisations) lists the first few and
 * searches the rest as the user types: Teams sends the bot an `application/search` invoke
 * naming the dataset (chat/searches.ts), and shows at most 15 results. So the form stays
 * small whatever the size of the group.
 */
export const STATIC_CHOICES = 10;

/** The typeahead datasets: the bot's search name and the team (the invoke carries nothing else to find the group). */
export const WORK_PLAN_DATASETS = { members: 'workplan.members', organisations: 'workplan.organisations' } as const;
export const datasetOf = (kind: keyof typeof WORK_PLAN_DATASETS, teamId: string) => `${WORK_PLAN_DATASETS[kind]}|${teamId}`;

/** The owner choice meaning "nobody": a choice needs a value (Microsoft's renderer refuses an empty one). */
export const NO_OWNER = 'nobody';

export interface Choice {
  title: string;
  value: string;
}

export interface Picker {
  choices: Choice[];
  /** More than the card lists: the input searches (style "filtered", `choices.data`). */
  search: boolean;
  dataset: string;
}

/**
 * `all` sorted as shown; `first` always leads (the "nobody" choice); the current value is
 * kept even when it is not among the first few, so a redrawn form shows what was chosen.
 */
export function picker(all: readonly Choice[], current: string | undefined, dataset: string, first: readonly Choice[] = []): Picker {
  const shown = all.slice(0, STATIC_CHOICES);
  const chosen = current && !shown.some((c) => c.value === current) && !first.some((c) => c.value === current) ? all.filter((c) => c.value === current) : [];
  return { choices: [...first, ...chosen, ...shown], search: all.length > STATIC_CHOICES, dataset };
}
