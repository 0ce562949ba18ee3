import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { Caller } from '../../../kernel/identity';
import { plainName } from '../../../kernel/plain-text';
import { TEAMS_CLIENT_APP_IDS } from './teams-clients';

export interface SsoSettings {
  clientId: string;
  appIdUri?: string;
  /** https://login.microsoftonline.com (or a sovereign cloud / test authority). */
  authority: string;
  jwksUrl: string;
  /** Empty = any tenant (not allowed in production by the config). */
  allowedTenantIds: readonly string[];
}

export class SsoRejected extends Error {
  constructor(readonly reason: string) {
    super(`SSO token rejected: ${reason}`);
    this.name = 'SsoRejected';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Validates a Teams SSO access token (from `authentication.getAuthToken()`): signature
 * against Entra ID's published keys, audience = our client id or app id URI, issuer = the
 * tenant-specific v2.0 issuer of the token's own `tid`, tenant allowed, delegated scope
 * `access_as_user` as a whole word, expiry, and the requesting app (`azp`) one of Teams' own
 * clients. Identity is `tid` + `oid`, from the token only.
 *
 * Only v2.0 tokens: the app registration asks for them (`requestedAccessTokenVersion: 2`),
 * so a v1.0 token (issuer sts.windows.net, `appid` instead of `azp`) was not issued for
 * this API as configured and fails the issuer check.
 */
export function createSsoValidator(settings: SsoSettings): (token: string) => Promise<Caller> {
  const jwks = createRemoteJWKSet(new URL(settings.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 6 * 3_600_000 });
  const audiences = [settings.clientId, `api://${settings.clientId}`, ...(settings.appIdUri ? [settings.appIdUri] : [])];

  return async (token) => {
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, jwks, { audience: audiences, algorithms: ['RS256'], clockTolerance: 60 }));
    } catch (err) {
      throw new SsoRejected(err instanceof Error ? err.name : 'invalid');
    }
    const tid = typeof claims.tid === 'string' ? claims.tid.toLowerCase() : '';
    const oid = typeof claims.oid === 'string' ? claims.oid.toLowerCase() : '';
    if (!GUID.test(tid) || !GUID.test(oid)) throw new SsoRejected('no tenant or object id');
    // The key set is shared by all tenants: the issuer must be the token's own tenant's.
    if (claims.iss !== `${settings.authority}/${tid}/v2.0`) throw new SsoRejected('issuer');
    if (settings.allowedTenantIds.length > 0 && !settings.allowedTenantIds.includes(tid)) throw new SsoRejected('tenant');
    const scopes = typeof claims.scp === 'string' ? claims.scp.split(' ') : [];
    if (!scopes.includes('access_as_user')) throw new SsoRejected('scope');
    if (claims.ver !== '2.0') throw new SsoRejected('version');
    const azp = typeof claims.azp === 'string' ? claims.azp.toLowerCase() : '';
    if (!TEAMS_CLIENT_APP_IDS.includes(azp)) throw new SsoRejected('client application');
    const name = typeof claims.name === 'string' ? plainName(claims.name) : '';
    return { tenantId: tid, aadObjectId: oid, ...(name ? { name } : {}) };
  };
}
