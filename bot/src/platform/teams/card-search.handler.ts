import { z } from 'zod';
import type { InvokeResponse } from './activity';
import type { BotDeps } from './bot-deps';
import { presentError } from './errors.presenter';
import { translator } from '../i18n/i18n';
import { identify } from './turn-identity';
import type { Turn } from './turn';
import { createTurnScope } from './turn-scope';

/** Teams' dropdown shows at most 15 results. */
const MAX_RESULTS = 15;

/**
 * The `application/search` invoke of a typeahead Input.ChoiceSet, as "Typeahead search in
 * Adaptive Cards" documents it: `value` holds `queryText`, `queryOptions.skip/top` and the
 * card's `dataset`. Our datasets read `<search>|<teamId>`: the invoke carries no card data, and
 * the team picks the group (membership is still checked by the search).
 */
const searchValue = z.object({
  queryText: z.string().max(500).optional(),
  queryOptions: z
    .object({ skip: z.number().int().min(0).max(10_000).optional(), top: z.number().int().min(0).max(1_000).optional() })
    .partial()
    .optional(),
  dataset: z.string().min(1).max(400),
});

export async function handleCardSearch(deps: BotDeps, turn: Turn): Promise<InvokeResponse> {
  const parsed = searchValue.safeParse(turn.activity.value);
  if (!parsed.success) return { status: 400, body: { code: 'InvalidSearch', message: 'The search request is malformed.' } };
  const { queryText = '', queryOptions = {}, dataset } = parsed.data;
  const cut = dataset.indexOf('|');
  const name = cut < 0 ? dataset : dataset.slice(0, cut);
  const teamId = cut < 0 ? undefined : dataset.slice(cut + 1) || undefined;
  const search = deps.registry.search(name);
  if (!search) return { status: 400, body: { code: 'UnknownDataset', message: 'This search is not supported.' } };
  const page = { skip: queryOptions.skip ?? 0, top: Math.min(queryOptions.top || MAX_RESULTS, MAX_RESULTS) };
  try {
    const results = (await search.run(createTurnScope(deps, turn, teamId), queryText.trim(), page)).slice(0, page.top);
    return { status: 200, body: { type: 'application/vnd.microsoft.search.searchResponse', value: { results } } };
  } catch (err) {
    // The dropdown can only show results: a refusal (not a co-chair, storage down) or a fault is logged and shows none.
    presentError(err, translator(deps.i18n, identify(turn.activity).locale), deps.logger, `search:${name}`);
    return { status: 200, body: { type: 'application/vnd.microsoft.search.searchResponse', value: { results: [] } } };
  }
}
