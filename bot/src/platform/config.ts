import { z } from 'zod';

/**
 * The service's whole configuration: one schema, parsed once by the composition root.
 * Every problem is reported at once, each naming its environment variable, so a bad
 * deployment fails at start with a message an administrator can act on.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const list = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

/** A Teams team id as the bot sees it (`19:…@thread.tacv2`), as typed or as "Get link to team" encodes it. */
const TEAM_ID = /^19:[^\s,@]+@thread\.[a-z0-9]+$/i;

/**
 * `<tenant>:<object id>` makes someone co-chair of every team of the tenant they are a member
 * of; `<tenant>:<object id>@<team id>` of that team only, member or not yet.
 */
const coChair = z.string().transform((entry, ctx) => {
  const at = entry.indexOf('@');
  const person = at < 0 ? entry : entry.slice(0, at);
  const team = at < 0 ? undefined : decodeTeamId(entry.slice(at + 1));
  const [tenantId, aadObjectId, ...rest] = person.split(':');
  if (!tenantId || !aadObjectId || rest.length > 0 || !GUID.test(tenantId) || !GUID.test(aadObjectId) || (at >= 0 && !team)) {
    ctx.addIssue({ code: 'custom', message: `"${entry}" is not <tenant id>:<object id> (two GUIDs), optionally followed by @<team id> (19:…@thread.tacv2)` });
    return z.NEVER;
  }
  return { tenantId: tenantId.toLowerCase(), aadObjectId: aadObjectId.toLowerCase(), ...(team ? { teamId: team } : {}) };
});

function decodeTeamId(text: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    return undefined;
  }
  return TEAM_ID.test(decoded) ? decoded : undefined;
}

export interface ConfiguredCoChair {
  tenantId: string;
  aadObjectId: string;
  teamId?: string;
}

const BOT_AUTH_OVERRIDES = {
  BOT_AUTH_OPENID_METADATA_URL: 'ToBotFromChannelOpenIdMetadataUrl',
  BOT_AUTH_EMULATOR_OPENID_METADATA_URL: 'ToBotFromEmulatorOpenIdMetadataUrl',
  BOT_AUTH_TOKEN_ISSUER: 'ToBotFromChannelTokenIssuer',
  BOT_AUTH_LOGIN_URL: 'ToChannelFromBotLoginUrl',
  BOT_AUTH_OAUTH_SCOPE: 'ToChannelFromBotOAuthScope',
  BOT_AUTH_OAUTH_URL: 'OAuthUrl',
  BOT_AUTH_CALLER_ID: 'CallerId',
} as const;
type BotAuthOverrideKey = keyof typeof BOT_AUTH_OVERRIDES;

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: optionalString,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),

    BOT_ID: optionalString,
    BOT_PASSWORD: optionalString,
    BOT_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
    BOT_TENANT_ID: optionalString,
    BOT_CERTIFICATE_THUMBPRINT: optionalString,
    BOT_CERTIFICATE_PRIVATE_KEY: optionalString,
    ...(Object.fromEntries(Object.keys(BOT_AUTH_OVERRIDES).map((k) => [k, optionalString])) as Record<BotAuthOverrideKey, typeof optionalString>),

    STORAGE_CONNECTION_STRING: optionalString,
    STORAGE_ACCOUNT_URL: optionalString.pipe(z.url({ protocol: /^https$/ }).optional()),
    STORAGE_TABLE_PREFIX: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]{0,29}$/, 'letters and digits, starting with a letter, at most 30')
      .default('quorum'),

    NOTIFY_MAX_PER_SECOND: z.coerce.number().int().min(1).max(50).default(50),
    NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(5),
    NOTIFY_BACKOFF_MS: z.coerce.number().int().min(1).max(60_000).default(1000),
    NOTIFY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(30_000),
    SCHEDULER: z.enum(['on', 'off']).default('on'),
    SCHEDULER_TICK_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    SCHEDULER_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
    STORAGE_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),

    PUBLIC_BASE_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
    TAB_SSO_CLIENT_ID: optionalString,
    TAB_SSO_APP_ID_URI: optionalString,
    TAB_SSO_AUTHORITY: optionalString.pipe(z.url().optional()),
    TAB_SSO_JWKS_URL: optionalString.pipe(z.url().optional()),
    TAB_LIST_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(240),

    ALLOWED_TENANT_IDS: list.pipe(z.array(z.string().regex(GUID, 'each must be a tenant GUID'))),
    INITIAL_CO_CHAIRS: list.pipe(z.array(coChair)),
    PLAYGROUND_PORT: optionalString.pipe(z.coerce.number<string | undefined>().int().min(1).max(65535).optional()),
  })
  .superRefine((env, ctx) => {
    const missing = (key: string, why: string) => ctx.addIssue({ code: 'custom', path: [key], message: why });
    const production = env.NODE_ENV === 'production';

    if (production && !env.BOT_ID) missing('BOT_ID', 'required in production: without it every request is accepted unauthenticated');
    if (env.BOT_ID) {
      if (!GUID.test(env.BOT_ID)) missing('BOT_ID', "must be the bot's Entra app (client) id, a GUID");
      const hasSecret = Boolean(env.BOT_PASSWORD);
      const hasCert = Boolean(env.BOT_CERTIFICATE_THUMBPRINT && env.BOT_CERTIFICATE_PRIVATE_KEY);
      if (env.BOT_TYPE !== 'UserAssignedMSI' && !hasSecret && !hasCert) {
        missing('BOT_PASSWORD', 'set BOT_PASSWORD, or BOT_CERTIFICATE_THUMBPRINT + BOT_CERTIFICATE_PRIVATE_KEY, or BOT_TYPE=UserAssignedMSI');
      }
      if (env.BOT_TYPE !== 'MultiTenant' && !env.BOT_TENANT_ID) missing('BOT_TENANT_ID', `required when BOT_TYPE is ${env.BOT_TYPE}`);
    }
    if (production && !env.STORAGE_CONNECTION_STRING && !env.STORAGE_ACCOUNT_URL) {
      missing('STORAGE_ACCOUNT_URL', 'required in production (or STORAGE_CONNECTION_STRING)');
    }
    if (production && env.ALLOWED_TENANT_IDS.length === 0) missing('ALLOWED_TENANT_IDS', 'required in production: the tenants whose teams may use Quorum');

    const overrides = Object.keys(BOT_AUTH_OVERRIDES).filter((k) => env[k as BotAuthOverrideKey]);
    if (overrides.length > 0 && overrides.length < Object.keys(BOT_AUTH_OVERRIDES).length) {
      const absent = Object.keys(BOT_AUTH_OVERRIDES).filter((k) => !env[k as BotAuthOverrideKey]);
      missing(absent[0]!, `BOT_AUTH_* endpoints are all set or none (botbuilder ignores its defaults once one is set); missing: ${absent.join(', ')}`);
    }

    if (production && !env.TAB_SSO_CLIENT_ID) missing('TAB_SSO_CLIENT_ID', 'required in production: the Entra app the tab signs in with (Teams SSO)');
    if (env.TAB_SSO_CLIENT_ID && !GUID.test(env.TAB_SSO_CLIENT_ID)) missing('TAB_SSO_CLIENT_ID', 'must be the Entra app (client) id, a GUID');

    // Without an app id botbuilder authenticates nothing, so such a service must not be reachable from elsewhere.
    if (!env.BOT_ID && env.HOST && !LOOPBACK.has(env.HOST)) {
      missing('HOST', 'without BOT_ID the service accepts unauthenticated requests, so it may only listen on loopback');
    }
    // The Playground's connector is trusted to be a local stand-in: never with a real bot identity.
    if (env.PLAYGROUND_PORT !== undefined && (env.BOT_ID || production)) {
      missing('PLAYGROUND_PORT', 'the Agents Playground (npm start) is for local development mode only, without BOT_ID; use npm run start:service with BOT_ID');
    }
  });

export type BotAuthOverrides = Record<(typeof BOT_AUTH_OVERRIDES)[BotAuthOverrideKey], string>;

export interface QuorumConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  log: { level: string; pretty: boolean };
  /** Absent = local development: botbuilder then skips authentication. */
  bot?: {
    appId: string;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId?: string;
    password?: string;
    certificate?: { thumbprint: string; privateKey: string };
    authOverrides?: BotAuthOverrides;
  };
  storage: { kind: 'connection-string'; connectionString: string; tablePrefix: string } | { kind: 'account-url'; accountUrl: string; tablePrefix: string } | { kind: 'embedded'; tablePrefix: string };
  allowedTenantIds: string[];
  /** Without a team: co-chair wherever they are a member in that tenant; with one: of that team only. */
  initialCoChairs: ConfiguredCoChair[];
  /** Proactive sends per tenant per second (Teams allows about 50). */
  notifyMaxPerSecond: number;
  /** Attempts per proactive message and the first backoff step (doubling, with jitter, capped at 30 s). */
  notifyRetry: { maxAttempts: number; baseMs: number; timeoutMs: number };
  /**
   * Teams SSO for the tab API. Absent on an unauthenticated local run, where the tab sends a
   * development identity instead (accepted only then).
   */
  tabSso?: { clientId: string; appIdUri?: string; authority: string; jwksUrl: string };
  /** Each caller's budget of tab API list calls: refilled per minute, a quarter of it at once. */
  tabListBudget: { perMinute: number; burst: number };
  /** Where users reach the service (links in cards to the tab); the local address when unset. */
  publicBaseUrl: string;
  /** 'off' keeps jobs stored but runs no passes (an instance that only serves requests). */
  /**
   * leaseMs: how long a claimed job is protected; after a crash (or SIGKILL) its jobs wait
   * that long before another pass takes them over. Keep it above the longest send with retries.
   */
  scheduler: { enabled: boolean; tickMs: number; leaseMs: number };
  /**
   * How long this instance keeps rows that rarely change (groups, members and roles, settings)
   * before reading them again; 0 reads every turn (within one turn a row is still read once).
   * The bound on seeing another instance's change: docs/caching.md.
   */
  storageCacheMs: number;
  /**
   * Local development mode only: the Microsoft 365 Agents Playground serves its Bot Connector
   * on this loopback port (`npm start` sets it), and turns it sends are answered as it can show.
   */
  playground?: { port: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Quorum cannot start, the configuration has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(source: Record<string, string | undefined>): QuorumConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`));
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';
  const prefix = env.STORAGE_TABLE_PREFIX;

  let bot: QuorumConfig['bot'];
  if (env.BOT_ID) {
    bot = { appId: env.BOT_ID, appType: env.BOT_TYPE };
    if (env.BOT_TENANT_ID) bot.tenantId = env.BOT_TENANT_ID;
    if (env.BOT_PASSWORD) bot.password = env.BOT_PASSWORD;
    if (env.BOT_CERTIFICATE_THUMBPRINT && env.BOT_CERTIFICATE_PRIVATE_KEY) {
      bot.certificate = { thumbprint: env.BOT_CERTIFICATE_THUMBPRINT, privateKey: env.BOT_CERTIFICATE_PRIVATE_KEY };
    }
    if (env.BOT_AUTH_OPENID_METADATA_URL) {
      bot.authOverrides = Object.fromEntries(Object.entries(BOT_AUTH_OVERRIDES).map(([envKey, sdkKey]) => [sdkKey, env[envKey as BotAuthOverrideKey] ?? ''])) as BotAuthOverrides;
    }
  }

  const storage: QuorumConfig['storage'] = env.STORAGE_CONNECTION_STRING
    ? { kind: 'connection-string', connectionString: env.STORAGE_CONNECTION_STRING, tablePrefix: prefix }
    : env.STORAGE_ACCOUNT_URL
      ? { kind: 'account-url', accountUrl: env.STORAGE_ACCOUNT_URL, tablePrefix: prefix }
      : { kind: 'embedded', tablePrefix: prefix };

  const result: QuorumConfig = {
    env: env.NODE_ENV,
    host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    port: env.PORT,
    log: { level: env.LOG_LEVEL, pretty: env.LOG_FORMAT === 'pretty' },
    storage,
    allowedTenantIds: env.ALLOWED_TENANT_IDS.map((t) => t.toLowerCase()),
    initialCoChairs: env.INITIAL_CO_CHAIRS,
    tabListBudget: { perMinute: env.TAB_LIST_REQUESTS_PER_MINUTE, burst: Math.max(1, Math.ceil(env.TAB_LIST_REQUESTS_PER_MINUTE / 4)) },
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://${env.HOST && env.HOST !== '0.0.0.0' ? env.HOST : '127.0.0.1'}:${env.PORT}`).replace(/\/$/, ''),
    notifyMaxPerSecond: env.NOTIFY_MAX_PER_SECOND,
    notifyRetry: { maxAttempts: env.NOTIFY_MAX_ATTEMPTS, baseMs: env.NOTIFY_BACKOFF_MS, timeoutMs: env.NOTIFY_TIMEOUT_MS },
    scheduler: { enabled: env.SCHEDULER === 'on', tickMs: env.SCHEDULER_TICK_SECONDS * 1000, leaseMs: env.SCHEDULER_LEASE_SECONDS * 1000 },
    storageCacheMs: env.STORAGE_CACHE_MS,
  };
  if (bot) result.bot = bot;
  if (env.PLAYGROUND_PORT !== undefined) result.playground = { port: env.PLAYGROUND_PORT };
  if (env.TAB_SSO_CLIENT_ID) {
    const authority = (env.TAB_SSO_AUTHORITY ?? 'https://login.microsoftonline.com').replace(/\/$/, '');
    result.tabSso = {
      clientId: env.TAB_SSO_CLIENT_ID.toLowerCase(),
      authority,
      jwksUrl: env.TAB_SSO_JWKS_URL ?? `${authority}/common/discovery/v2.0/keys`,
      ...(env.TAB_SSO_APP_ID_URI ? { appIdUri: env.TAB_SSO_APP_ID_URI } : {}),
    };
  }
  return result;
}
