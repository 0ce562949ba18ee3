import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * What differs between environments: the ids Teams, Entra and Azure handed out, the domain
 * the service runs on, and the publisher's links. Each comes from `manifest/env/<env>.json`
 * or, winning over the file, from an environment variable of the same name (that is how the
 * Agents Toolkit passes what it provisioned; the names match its `.env` files).
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Lower case only: Teams SSO on Android fails with upper-case domains.
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

const guid = (what: string) => z.string().regex(GUID, `must be ${what} (a GUID)`);
const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// URL' });

export const settingsSchema = z.object({
  TEAMS_APP_ID: guid('the Teams app id (written by teamsApp/create, or any new GUID for an app you upload yourself)'),
  BOT_ID: guid("the bot's app id: the managed identity's client id (Bicep output BOT_ID)"),
  APP_DOMAIN: z.string().regex(HOST, 'must be a lower-case host name such as app-quorum.azurewebsites.net (no https://, no path)'),
  TAB_SSO_CLIENT_ID: guid("the tab's Entra app (client) id for Teams SSO"),
  TAB_SSO_APP_ID_URI: z
    .string()
    .regex(/^api:\/\/[^/\s]+\/[0-9a-f-]{36}$/i, 'must be api://<domain>/<tab SSO client id>')
    .optional(),
  APP_VERSION: z.string().regex(SEMVER, 'must be a version such as 1.0.0 (raise it for every package you upload)').default('1.0.0'),
  APP_NAME_SUFFIX: z.string().max(10, 'at most 10 characters (the short name is limited to 30)').default(''),
  DEVELOPER_NAME: z.string().min(1, 'is required (the organisation publishing the app)').max(32, 'at most 32 characters'),
  DEVELOPER_WEBSITE_URL: httpsUrl,
  PRIVACY_URL: httpsUrl,
  TERMS_OF_USE_URL: httpsUrl,
});

export type ManifestSettings = z.output<typeof settingsSchema> & { TAB_SSO_APP_ID_URI: string };
export const SETTING_NAMES = Object.keys(settingsSchema.shape) as (keyof z.input<typeof settingsSchema>)[];

export const ENV_DIR = path.join(__dirname, 'env');
const ENV_NAME = /^[a-z][a-z0-9-]{0,19}$/;

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`The Teams app package cannot be built:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

/** Reads `<envDir>/<env>.json`; a non-empty environment variable of the same name wins. */
export function loadSettings(env: string, options: { envDir?: string; environment?: Record<string, string | undefined> } = {}): ManifestSettings {
  const envDir = options.envDir ?? ENV_DIR;
  const environment = options.environment ?? process.env;
  if (!ENV_NAME.test(env)) throw new SettingsError([`"${env}" is not an environment name (lower-case letters, digits, dashes)`]);
  const file = path.join(envDir, `${env}.json`);
  if (!fs.existsSync(file)) {
    const known = fs.existsSync(envDir)
      ? fs
          .readdirSync(envDir)
          .filter((f) => f.endsWith('.json'))
          .map((f) => f.slice(0, -5))
      : [];
    throw new SettingsError([`no settings file ${file} (known environments: ${known.join(', ') || 'none'})`]);
  }
  const fromFile = readEnvFile(file);
  const merged: Record<string, string> = {};
  for (const name of SETTING_NAMES) {
    const value = nonEmpty(environment[name]) ?? nonEmpty(fromFile[name]);
    if (value !== undefined) merged[name] = value;
  }
  const parsed = settingsSchema.safeParse(merged);
  if (!parsed.success) {
    const where = `set it in ${path.relative(process.cwd(), file) || file} or as an environment variable`;
    throw new SettingsError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${merged[String(i.path[0])] === undefined ? 'is not set' : i.message} (${where})`));
  }
  const s = parsed.data;
  // The SSO resource names the tab's domain and Entra app; derived unless set explicitly.
  return { ...s, TAB_SSO_APP_ID_URI: s.TAB_SSO_APP_ID_URI ?? `api://${s.APP_DOMAIN}/${s.TAB_SSO_CLIENT_ID}` };
}

function readEnvFile(file: string): Record<string, string> {
  const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  const shape = z.record(z.string(), z.string()).safeParse(raw);
  if (!shape.success) throw new SettingsError([`${file}: must be a JSON object of strings`]);
  const unknown = Object.keys(shape.data).filter((k) => !k.startsWith('$') && !(SETTING_NAMES as string[]).includes(k));
  if (unknown.length > 0) throw new SettingsError([`${file}: unknown setting(s) ${unknown.join(', ')} (known: ${SETTING_NAMES.join(', ')})`]);
  return shape.data;
}

function nonEmpty(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}
