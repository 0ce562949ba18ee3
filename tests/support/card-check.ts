import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type * as AdaptiveCardsModule from 'adaptivecards';
import { inputsOf } from './card-inputs';

/**
 * A card checked by tools nobody here wrote: Microsoft's own `adaptivecards` renderer (the
 * object model Teams' web client is built on) and the official Adaptive Cards 1.5 JSON schema
 * (tests/fixtures/adaptive-cards/, see SOURCE.md there). Our own rules come after: an input's
 * value within its own maxLength, and at most 60 users in `refresh.userIds` (Teams' limit).
 */

// The package's `lib/` build is ES modules with extensionless imports that Node cannot load as
// they are; its `dist/` UMD bundle is the same code in one CommonJS-compatible file.
const AC = createRequire(__filename)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCardsModule;

const SCHEMA_FILE = path.join(__dirname, '..', 'fixtures', 'adaptive-cards', 'adaptive-card-1.5.schema.json');

/**
 * Properties Teams defines on top of Adaptive Cards 1.5, which the 1.5 schema does not know.
 * They are taken out before the schema check, each only where Teams documents it:
 * - `choices.data` (a `Data.Query`) on `Input.ChoiceSet`: dynamic typeahead search,
 *   https://learn.microsoft.com/en-us/microsoftteams/platform/task-modules-and-cards/cards/dynamic-search
 * - `msteams` on the card (full width, mentions),
 *   https://learn.microsoft.com/en-us/microsoftteams/platform/task-modules-and-cards/cards/cards-format
 */
const TEAMS_EXTENSIONS: Record<string, readonly string[]> = {
  'Input.ChoiceSet': ['choices.data'],
  AdaptiveCard: ['msteams'],
};

/**
 * Values of Adaptive Cards 1.5 that the published 1.5 schema file lacks: `"style": "filtered"`
 * on `Input.ChoiceSet` (the typeahead, part of 1.5: Microsoft's renderer declares it with
 * targetVersion 1.5, and Teams documents it on the dynamic-search page above).
 */
const VALUES_NEWER_THAN_THE_SCHEMA: Record<string, Record<string, unknown>> = {
  'Input.ChoiceSet': { style: 'filtered' },
};

/** Teams refreshes a card automatically for at most 60 users listed in `refresh.userIds`. */
export const MAX_REFRESH_USER_IDS = 60;

type Node = Record<string, unknown>;

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
let ajv: Ajv | undefined;

/** The whole card's validator, or one definition's (`AdaptiveCard`, `TextBlock`, …). */
function validator(definition?: string): Validate | undefined {
  if (!ajv) {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Node;
    // The official file declares draft-06 and names itself with draft-04's `id`: Ajv 8 reads it
    // with the draft-06 meta-schema added and `id` taken as the annotation it is there.
    ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addMetaSchema(createRequire(__filename)('ajv/dist/refs/json-schema-draft-06.json') as Node);
    ajv.removeKeyword('id');
    addFormats(ajv);
    ajv.addSchema(schema, 'card');
  }
  return ajv.getSchema(definition ? `card#/definitions/${definition}` : 'card') as Validate | undefined;
}

/** A deep copy without the extensions and newer values listed above (only where they are defined). */
function withoutTeamsExtensions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutTeamsExtensions);
  if (!node || typeof node !== 'object') return node;
  const type = String((node as Node).type);
  const drop = (k: string, v: unknown) => (TEAMS_EXTENSIONS[type] ?? []).includes(k) || VALUES_NEWER_THAN_THE_SCHEMA[type]?.[k] === v;
  return Object.fromEntries(Object.entries(node as Node).flatMap(([k, v]) => (drop(k, v) ? [] : [[k, withoutTeamsExtensions(v)]])));
}

function rendererFindings(card: Node): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const found: string[] = [];
  for (let i = 0; i < context.eventCount; i++) found.push(`renderer (parse): ${context.getEventAt(i).message}`);
  for (const e of parsed.validateProperties().validationEvents) {
    // A typeahead ChoiceSet may start with no static choices: Teams fills it from the search.
    if (e.event === AC.ValidationEvent.CollectionCantBeEmpty && /ChoiceSet/.test(e.message) && !emptyWithoutSearch(card)) continue;
    found.push(`renderer (validation): ${e.message}`);
  }
  // A value the renderer cannot read is dropped silently (no event): a form refilled after a
  // refused submit would come back empty. Compare what each input was given with what it holds.
  const held = new Map(parsed.getAllInputs().map((i) => [i.id, i]));
  for (const i of inputsOf(card)) {
    if (i.value === undefined || i.value === '') continue;
    const input = held.get(i.id) as (AdaptiveCardsModule.Input & { defaultValue?: unknown; valueOn?: string }) | undefined;
    const kept = i.type === 'Input.Toggle' ? input?.valueOn !== undefined : input?.defaultValue !== undefined;
    if (!kept) found.push(`renderer dropped the value of ${i.type} "${i.id}": ${JSON.stringify(i.value)}`);
  }
  return found;
}

/** A choice list with no choice that has no search to fill it either. */
function emptyWithoutSearch(card: Node): boolean {
  return inputsOf(card).some(
    (i) => i.type === 'Input.ChoiceSet' && !(Array.isArray(i.node.choices) && i.node.choices.length > 0) && (i.node['choices.data'] as Node | undefined)?.type !== 'Data.Query',
  );
}

/**
 * The schema checks an element against every element type (an anyOf), so a failing card gets
 * an error for every type each element is not. To say what is wrong, each typed object is
 * checked again against its own type's definition alone, keeping the errors that are its own
 * (not those inside a nested typed object, which is checked in its turn).
 */
function schemaFindings(card: Node): string[] {
  const stripped = withoutTeamsExtensions(card) as Node;
  if (validator()!(stripped)) return [];
  const found: string[] = [];
  typedObjects(stripped, '', (node, at) => {
    const check = validator(String(node.type));
    if (!check) return void found.push(`schema: ${at || '/'} has a type the schema does not define: ${JSON.stringify(node.type)}`);
    if (check(node)) return;
    for (const e of check.errors ?? []) {
      if (e.keyword === 'anyOf' || (e.keyword === 'type' && (e.params as { type?: string }).type === 'null') || !ownError(node, e.instancePath)) continue;
      found.push(`schema: ${at}${e.instancePath || ''} ${e.message ?? ''} ${JSON.stringify(e.params)} (${String(node.type)})`);
    }
  });
  return found.filter((m, i, all) => all.indexOf(m) === i);
}

function typedObjects(node: unknown, at: string, visit: (n: Node, at: string) => void): void {
  if (Array.isArray(node)) return node.forEach((child, i) => typedObjects(child, `${at}/${i}`, visit));
  if (!node || typeof node !== 'object') return;
  if (typeof (node as Node).type === 'string') visit(node as Node, at);
  for (const [k, v] of Object.entries(node as Node)) typedObjects(v, `${at}/${k}`, visit);
}

/** An error at `path` inside `node` is the node's own unless the path passes into another typed object. */
function ownError(node: Node, path: string): boolean {
  let here: unknown = node;
  for (const step of path.split('/').slice(1)) {
    here = (here as Node | undefined)?.[step.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (here && typeof here === 'object' && !Array.isArray(here) && typeof (here as Node).type === 'string') return false;
  }
  return true;
}

function ownRuleFindings(card: Node): string[] {
  const found: string[] = [];
  for (const i of inputsOf(card)) {
    const max = i.node.maxLength;
    // maxLength counts UTF-16 units in the clients' inputs, as the service's limits do.
    if (typeof max === 'number' && typeof i.value === 'string' && i.value.length > max)
      found.push(`${i.type} "${i.id}" holds ${i.value.length} characters, over its own maxLength ${max}: saving it as drawn would cut it`);
    if (i.type === 'Input.ChoiceSet' && Array.isArray(i.node.choices) && typeof i.value === 'string' && i.value !== '' && !(i.node['choices.data'] as Node | undefined)) {
      const values = new Set((i.node.choices as Node[]).map((c) => c.value));
      const chosen = i.node.isMultiSelect ? i.value.split(',') : [i.value];
      for (const v of chosen) if (!values.has(v)) found.push(`Input.ChoiceSet "${i.id}" is set to "${v}", which is not one of its choices`);
    }
  }
  const refresh = card.refresh as { userIds?: unknown[] } | undefined;
  if (refresh?.userIds && refresh.userIds.length > MAX_REFRESH_USER_IDS) found.push(`refresh.userIds lists ${refresh.userIds.length} users (Teams refreshes at most ${MAX_REFRESH_USER_IDS})`);
  return found;
}

/** Everything wrong with a card, as readable lines; an empty list is a card Teams can draw as sent. */
export function checkCard(card: unknown): string[] {
  const node = (typeof card === 'string' ? JSON.parse(card) : card) as Node;
  return [...rendererFindings(node), ...schemaFindings(node), ...ownRuleFindings(node)];
}

/** The `Action.Execute` verbs a card can send, and the typeahead datasets it searches. */
export function verbsAndDatasets(card: unknown): { verbs: Set<string>; datasets: Set<string> } {
  const verbs = new Set<string>();
  const datasets = new Set<string>();
  JSON.stringify(typeof card === 'string' ? JSON.parse(card) : card, (k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const n = v as Node;
      if (n.type === 'Action.Execute' && typeof n.verb === 'string') verbs.add(n.verb);
      if (n.type === 'Data.Query' && typeof n.dataset === 'string') datasets.add(n.dataset);
    }
    return v;
  });
  return { verbs, datasets };
}
