import type { Request } from 'restify';
import type { QuorumConfig } from '../../config';
import type { Caller } from '../../../kernel/identity';
import { createSsoValidator, SsoRejected } from './sso-validator';

export type Authenticator = (req: Request) => Promise<Caller>;

const DEV_USER = /^([0-9a-f-]{36}):([0-9a-f-]{36})$/i;

/** Raised for any authentication failure; the API answers 401 without saying more. */
export class Unauthenticated extends Error {
  constructor(readonly reason: string) {
    super(`unauthenticated: ${reason}`);
    this.name = 'Unauthenticated';
  }
}

/**
 * Who calls the tab API. With Teams SSO configured: a validated bearer token, nothing else.
 * On an unauthenticated local run (no BOT_ID, no SSO; the config keeps such a service on
 * loopback) the tab names a development identity in `X-Quorum-Dev-User: <tenant>:<object>`.
 * With a bot app id but no SSO there is no way in: every call is refused.
 */
export function createAuthenticator(config: QuorumConfig): Authenticator {
  if (config.tabSso) {
    const validate = createSsoValidator({ ...config.tabSso, allowedTenantIds: config.allowedTenantIds });
    return async (req) => {
      const header = req.header('authorization') ?? '';
      const match = /^Bearer ([A-Za-z0-9\-_.]+)$/.exec(header);
      if (!match) throw new Unauthenticated('missing authorization');
      try {
        return await validate(match[1]!);
      } catch (err) {
        throw new Unauthenticated(err instanceof SsoRejected ? err.reason : 'invalid token');
      }
    };
  }
  if (!config.bot) {
    return async (req) => {
      const m = DEV_USER.exec(req.header('x-quorum-dev-user') ?? '');
      if (!m) throw new Unauthenticated('no development identity');
      return { tenantId: m[1]!.toLowerCase(), aadObjectId: m[2]!.toLowerCase() };
    };
  }
  return async () => {
    throw new Unauthenticated('tab SSO is not configured');
  };
}

export function authMode(config: QuorumConfig): 'sso' | 'development' | 'disabled' {
  return config.tabSso ? 'sso' : config.bot ? 'disabled' : 'development';
}
