import fs from 'node:fs';
import path from 'node:path';
import type { TeamsManifest } from '@microsoft/app-manifest';
import { type CommandList, commandLists } from './commands';
import { MANIFEST_SCHEMA_URL, MANIFEST_VERSION, MESSAGE_ACTION_COMMAND_ID, COMMAND_LIMITS } from './constants';
import type { ManifestSettings } from './settings';

/**
 * Fills the manifest template for one environment and checks it: first the rules the official
 * schema does not express (ids agree, URLs on valid domains, command limits), then the schema.
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const TEMPLATE_PATH = path.join(__dirname, 'manifest.template.json');
const PLACEHOLDER = /\$\{\{\s*([A-Z][A-Z0-9_]*)\s*\}\}/g;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The template with every `${{NAME}}` replaced and the bot's command lists inserted. */
export function buildManifest(settings: ManifestSettings, lists: CommandList[] = commandLists(), templatePath = TEMPLATE_PATH): JsonObject {
  const template = JSON.parse(fs.readFileSync(templatePath, 'utf8')) as JsonObject;
  const values: Record<string, string> = { ...settings };
  const unknown = new Set<string>();
  const filled = mapStrings(template, (s) =>
    s.replace(PLACEHOLDER, (_m, name: string) => {
      const value = values[name];
      if (value === undefined) unknown.add(name);
      return value ?? '';
    }),
  ) as JsonObject;
  if (unknown.size > 0) throw new Error(`${templatePath}: no value for ${[...unknown].join(', ')}`);
  const bot = asObject(asArray(filled.bots)[0]);
  if (lists.length > 0) bot.commandLists = lists.map((l) => ({ scopes: [...l.scopes], commands: l.commands.map((c) => ({ ...c })) }));
  return filled;
}

/** Problems the schema cannot see; empty when the manifest is consistent with its settings. */
export function checkManifest(manifest: JsonObject, settings: ManifestSettings, handledActionIds?: string[]): string[] {
  const problems: string[] = [];
  const expect = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  expect(manifest.$schema === MANIFEST_SCHEMA_URL && manifest.manifestVersion === MANIFEST_VERSION, `$schema/manifestVersion must be ${MANIFEST_VERSION}`);

  // Ids: GUIDs, and the same identity everywhere it appears.
  const bots = asArray(manifest.bots).map(asObject);
  const extensions = asArray(manifest.composeExtensions).map(asObject);
  const sso = asObject(manifest.webApplicationInfo);
  const ids: [string, Json | undefined][] = [
    ['id', manifest.id],
    ...bots.map((b, i): [string, Json | undefined] => [`bots[${i}].botId`, b.botId]),
    ...extensions.map((e, i): [string, Json | undefined] => [`composeExtensions[${i}].botId`, e.botId]),
    ['webApplicationInfo.id', sso.id],
  ];
  for (const [where, value] of ids) expect(typeof value === 'string' && GUID.test(value), `${where} is not a GUID`);
  expect(manifest.id === settings.TEAMS_APP_ID, 'id must be TEAMS_APP_ID');
  expect(bots.length === 1 && bots[0]?.botId === settings.BOT_ID, 'bots[0].botId must be BOT_ID');
  expect(
    extensions.every((e) => e.botId === settings.BOT_ID),
    'every composeExtension must use the bot (BOT_ID)',
  );
  expect(sso.id === settings.TAB_SSO_CLIENT_ID, 'webApplicationInfo.id must be TAB_SSO_CLIENT_ID');
  expect(sso.resource === `api://${settings.APP_DOMAIN}/${settings.TAB_SSO_CLIENT_ID}`, 'webApplicationInfo.resource must be api://<APP_DOMAIN>/<TAB_SSO_CLIENT_ID>');

  // The message action the work-plan feature handles.
  const actions = extensions.flatMap((e) => asArray(e.commands).map(asObject)).filter((c) => c.type === 'action');
  expect(
    actions.some((c) => c.id === MESSAGE_ACTION_COMMAND_ID && c.fetchTask === true && JSON.stringify(c.context) === '["message"]'),
    `message action ${MESSAGE_ACTION_COMMAND_ID} (fetchTask, context message) is missing`,
  );
  if (handledActionIds) {
    // Both ways: Teams offers only declared actions, and a declared one nobody handles fails for users.
    const declared = actions.map((c) => String(c.id));
    for (const id of declared) expect(handledActionIds.includes(id), `message action "${id}" is declared but no bot feature handles it`);
    for (const id of handledActionIds) expect(declared.includes(id), `the bot handles message action "${id}" but the manifest does not declare it`);
  }

  // Command lists: Teams' limits.
  for (const list of bots.flatMap((b) => asArray(b.commandLists).map(asObject))) {
    const commands = asArray(list.commands).map(asObject);
    expect(commands.length <= COMMAND_LIMITS.perScope, `a command list has ${commands.length} commands (at most ${COMMAND_LIMITS.perScope})`);
    expect(new Set(commands.map((c) => c.title)).size === commands.length, 'a command list repeats a title');
  }

  // Every URL Teams loads must be on a valid domain (the developer links open in a browser).
  const valid = asArray(manifest.validDomains).filter((d): d is string => typeof d === 'string');
  for (const { where, url } of urlsIn(manifest)) {
    if (where.startsWith('$schema')) continue;
    let host: string;
    try {
      const parsed = new URL(url);
      host = parsed.hostname;
      expect(parsed.protocol === 'https:', `${where}: ${url} is not https`);
    } catch {
      problems.push(`${where}: "${url}" is not a URL`);
      continue;
    }
    if (!where.startsWith('developer.')) expect(onValidDomain(host, valid), `${where}: ${host} is not in validDomains`);
  }
  return problems;
}

/** Offline validation against the official schema bundled in @microsoft/app-manifest. */
export async function validateSchema(manifest: JsonObject): Promise<string[]> {
  const schemaFile = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams', `v${MANIFEST_VERSION}`, 'MicrosoftTeams.schema.json');
  // Without the bundled file the library would download the schema; never do that here.
  if (!fs.existsSync(schemaFile)) throw new Error(`the bundled schema ${schemaFile} is missing: install @microsoft/app-manifest (no network lookup is attempted)`);
  // Loaded here, not at the top: the library pulls in an ES-module-only dependency, and only
  // this step needs it.
  const { AppManifestUtils } = await import('@microsoft/app-manifest');
  return AppManifestUtils.validateAgainstSchema(manifest as unknown as TeamsManifest);
}

export function onValidDomain(host: string, validDomains: string[]): boolean {
  return validDomains.some((d) => (d.startsWith('*.') ? host.endsWith(d.slice(1)) && host.length > d.length - 1 : host === d));
}

/** Every string value that looks like a URL, with its JSON path. */
export function urlsIn(value: Json, where = ''): { where: string; url: string }[] {
  if (typeof value === 'string') return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !value.startsWith('api://') ? [{ where, url: value }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => urlsIn(v, `${where}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => urlsIn(v, where ? `${where}.${k}` : k));
  return [];
}

function mapStrings(value: Json, f: (s: string) => string): Json {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]));
  return value;
}

export function asObject(value: Json | undefined): JsonObject {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

export function asArray(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}
