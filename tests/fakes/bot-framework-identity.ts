/**
 * Stands in for the Bot Framework token service (login.botframework.com) and Entra ID's
 * OpenID metadata, so the authenticated path of /api/messages can be tested offline.
 *
 * What botbuilder 4.23 checks on an inbound Teams request (botframework-connector
 * auth/parameterizedBotFrameworkAuthentication.js, jwtTokenExtractor.js):
 * - `Authorization: Bearer <jwt>`; the `iss` must equal ToBotFromChannelTokenIssuer,
 *   checked before anything else (another issuer: 401 "No valid identity");
 * - the header `kid` must be in the JWKS behind ToBotFromChannelOpenIdMetadataUrl
 *   (unknown kid: 401 "Signing Key could not be retrieved"); RS256/384/512 only;
 * - the signature (jsonwebtoken.verify). A bad signature is a plain JsonWebTokenError,
 *   not an AuthenticationError, so CloudAdapter answers **500**, not 401; so is a future
 *   `nbf` (NotBeforeError). Only an expired token gets its own 401. Both `exp` and `nbf`
 *   are checked with a 5-minute clock tolerance;
 * - the key's `endorsements` must include the activity's channelId (else 401);
 * - `aud` must equal the bot's MicrosoftAppId (else 401);
 * - the `serviceurl` claim must equal the activity's serviceUrl exactly, trailing slash
 *   included (else 401).
 * Tokens whose `iss` is one of botbuilder's hard-coded Entra issuers take the Emulator
 * path instead, with keys from ToBotFromEmulatorOpenIdMetadataUrl.
 * Keys are cached per metadata URL for 24 h in a process-wide map, so each fake (own
 * port, own URL) gets a fresh cache.
 */
import http from 'node:http';
import { createHash, KeyObject } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

/**
 * The values for ConfigurationBotFrameworkAuthentication's endpoint overrides. Inbound
 * validation only reads ToBotFromChannelOpenIdMetadataUrl, ToBotFromChannelTokenIssuer
 * and ToBotFromEmulatorOpenIdMetadataUrl; the others shape outbound calls and the
 * activity's callerId. Set all of them anyway: as soon as one is set, botbuilder uses
 * exactly the values given, with no default for the rest.
 */
export interface BotFrameworkAuthUrls {
  ToBotFromChannelOpenIdMetadataUrl: string;
  ToBotFromEmulatorOpenIdMetadataUrl: string;
  ToBotFromChannelTokenIssuer: string;
  /**
   * Where the bot would get its outbound token. botbuilder hands it to MSAL, which
   * refuses a non-https authority: a bot under test that talks back to the connector
   * needs its own ServiceClientCredentialsFactory.
   */
  ToChannelFromBotLoginUrl: string;
  ToChannelFromBotOAuthScope: string;
  OAuthUrl: string;
  CallerId: string;
}

export type SigningKeyName = 'endorsed' | 'unendorsed' | 'unknown';

export interface SignChannelTokenOptions {
  /** The bot's MicrosoftAppId; becomes `aud` unless `audience` is given. */
  appId: string;
  /** Becomes the `serviceurl` claim; must equal the activity's serviceUrl. */
  serviceUrl: string;
  issuer?: string;
  audience?: string;
  /** From now; negative for an expired token (beyond -300 to get past the tolerance). */
  expiresInSeconds?: number;
  /** `nbf` as a NumericDate (seconds since the epoch); defaults to now. */
  notBefore?: number;
  /** `endorsed`: msteams; `unendorsed`: webchat only; `unknown`: not in the JWKS. */
  key?: SigningKeyName;
  /** A valid header and kid, and a signature that does not verify. */
  tamper?: 'signature';
  /** Extra claims, e.g. `ver`/`appid` to build an Emulator or skill token. */
  claims?: Record<string, unknown>;
}

export interface BotFrameworkIdentity {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly urls: BotFrameworkAuthUrls;
  readonly jwksUri: string;
  readonly keyIds: Readonly<Record<SigningKeyName, string>>;
  /** Metadata and key fetches served, e.g. to see that botbuilder cached the keys. */
  readonly stats: Readonly<{ channelMetadata: number; emulatorMetadata: number; keys: number }>;
  signChannelToken(options: SignChannelTokenOptions): Promise<string>;
  stop(): Promise<void>;
}

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

interface SigningKey {
  kid: string;
  x5t: string;
  privateKey: PrivateKey;
  jwk: JWK;
}

/**
 * Microsoft's keys use the certificate's SHA-1 thumbprint as both `kid` and `x5t`. There
 * is no certificate here, so the thumbprint is taken over the public key instead: the
 * same shape, and stable for the life of the key.
 */
async function createSigningKey(endorsements: string[] | undefined): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const spki = KeyObject.from(publicKey).export({ type: 'spki', format: 'der' });
  const x5t = createHash('sha1').update(spki).digest('base64url');
  const { kty, n, e } = await exportJWK(publicKey);
  const jwk: JWK = { kty, use: 'sig', kid: x5t, x5t, n, e, ...(endorsements ? { endorsements } : {}) };
  return { kid: x5t, x5t, privateKey, jwk };
}

function corruptSignature(jwt: string): string {
  const [header, payload, signature] = jwt.split('.');
  if (header === undefined || payload === undefined || signature === undefined) throw new Error('not a compact JWT');
  const bytes = Buffer.from(signature, 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0xff;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}

export async function startBotFrameworkIdentity(): Promise<BotFrameworkIdentity> {
  const keys: Record<SigningKeyName, SigningKey> = {
    endorsed: await createSigningKey(['msteams']),
    unendorsed: await createSigningKey(['webchat']),
    unknown: await createSigningKey(['msteams']),
  };
  const stats = { channelMetadata: 0, emulatorMetadata: 0, keys: 0 };
  const sockets = new Set<Socket>();

  let base = '';
  const routes: Record<string, () => unknown> = {
    '/v1/.well-known/openidconfiguration': () => {
      stats.channelMetadata += 1;
      return {
        issuer: BOT_FRAMEWORK_ISSUER,
        authorization_endpoint: 'https://invalid.botframework.com',
        jwks_uri: `${base}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      };
    },
    '/v1/.well-known/keys': () => {
      stats.keys += 1;
      return { keys: [keys.endorsed.jwk, keys.unendorsed.jwk] };
    },
    '/v2.0/.well-known/openid-configuration': () => {
      stats.emulatorMetadata += 1;
      return {
        issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0',
        authorization_endpoint: `${base}/common/oauth2/v2.0/authorize`,
        token_endpoint: `${base}/common/oauth2/v2.0/token`,
        jwks_uri: `${base}/v1/.well-known/keys`,
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      };
    },
  };

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const route = req.method === 'GET' ? routes[path] : undefined;
    const status = route ? 200 : 404;
    const body = JSON.stringify(route ? route() : { error: 'not_found', error_description: `${req.method} ${path}` });
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let stopping: Promise<void> | undefined;
  return {
    url: base,
    jwksUri: `${base}/v1/.well-known/keys`,
    urls: {
      ToBotFromChannelOpenIdMetadataUrl: `${base}/v1/.well-known/openidconfiguration`,
      ToBotFromEmulatorOpenIdMetadataUrl: `${base}/v2.0/.well-known/openid-configuration`,
      ToBotFromChannelTokenIssuer: BOT_FRAMEWORK_ISSUER,
      ToChannelFromBotLoginUrl: `${base}/botframework.com`,
      ToChannelFromBotOAuthScope: BOT_FRAMEWORK_ISSUER,
      OAuthUrl: base,
      CallerId: 'urn:botframework:azure',
    },
    keyIds: { endorsed: keys.endorsed.kid, unendorsed: keys.unendorsed.kid, unknown: keys.unknown.kid },
    stats,

    async signChannelToken(options) {
      const key = keys[options.key ?? 'endorsed'];
      const now = Math.floor(Date.now() / 1000);
      const jwt = await new SignJWT({ ...options.claims, serviceurl: options.serviceUrl })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid, x5t: key.x5t })
        .setIssuer(options.issuer ?? BOT_FRAMEWORK_ISSUER)
        .setAudience(options.audience ?? options.appId)
        .setIssuedAt(now)
        .setNotBefore(options.notBefore ?? now)
        .setExpirationTime(now + (options.expiresInSeconds ?? 3600))
        .sign(key.privateKey);
      return options.tamper === 'signature' ? corruptSignature(jwt) : jwt;
    },

    stop() {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return stopping;
    },
  };
}
