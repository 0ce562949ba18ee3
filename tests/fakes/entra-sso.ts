import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/**
 * Stands in for Entra ID's token keys for Teams SSO: serves a JWKS where Entra does
 * (/common/discovery/v2.0/keys) and signs v2.0 access tokens with the claims Teams SSO
 * tokens carry (iss per tenant, aud, tid, oid, scp, ver, name, azp).
 */
export interface EntraSso {
  /** The authority base (what https://login.microsoftonline.com is in production). */
  authority: string;
  jwksUrl: string;
  sign(claims: SsoClaims, opts?: { key?: 'known' | 'unknown'; expiresInSeconds?: number }): Promise<string>;
  stop(): Promise<void>;
}

export interface SsoClaims {
  tid: string;
  oid: string;
  aud: string;
  scp?: string;
  /** Defaults to the tenant-specific v2.0 issuer of `tid`. */
  iss?: string;
  name?: string;
  /** The app that asked for the token; defaults to the Teams desktop client, null leaves it out. */
  azp?: string | null;
  /** What a v1.0 token carries instead of `azp`. */
  appid?: string;
  ver?: string;
}

/** Teams' desktop and mobile client, the app that asks Entra for the tab's SSO token. */
export const TEAMS_DESKTOP_CLIENT_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

export async function startEntraSso(): Promise<EntraSso> {
  const known = await generateKeyPair('RS256', { extractable: true });
  const unknown = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(known.publicKey)), kid: 'known-key', use: 'sig', alg: 'RS256' };
  const server = http.createServer((req, res) => {
    if (req.url === '/common/discovery/v2.0/keys') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const authority = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    authority,
    jwksUrl: `${authority}/common/discovery/v2.0/keys`,
    async sign(claims, opts = {}) {
      const { iss, azp = TEAMS_DESKTOP_CLIENT_ID, ...rest } = claims;
      const key = opts.key === 'unknown' ? unknown.privateKey : known.privateKey;
      return new SignJWT({ ver: '2.0', scp: 'access_as_user', ...(azp === null ? {} : { azp }), ...rest })
        .setProtectedHeader({ alg: 'RS256', kid: opts.key === 'unknown' ? 'unknown-key' : 'known-key', typ: 'JWT' })
        .setIssuer(iss ?? `${authority}/${claims.tid}/v2.0`)
        .setAudience(claims.aud)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + (opts.expiresInSeconds ?? 3600))
        .sign(key);
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
