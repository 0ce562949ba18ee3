import { ConfigError, parseConfig } from '../../bot/src/platform/config';

const TENANT = '5f2b2c7e-7b1e-4c1a-9d7e-0a1b2c3d4e5f';
const OID = '0d6b1c3e-5a7f-4e2b-8c9d-1f2e3a4b5c6d';
const APP = '3c9d6a2e-1b4f-4e8a-9c7d-2e5f6a7b8c9d';

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('config', () => {
  it('runs locally with no settings: embedded storage, loopback, unauthenticated', () => {
    const c = parseConfig({});
    expect(c.storage.kind).toBe('embedded');
    expect(c.host).toBe('127.0.0.1');
    expect(c.port).toBe(3978);
    expect(c.bot).toBeUndefined();
  });

  it('refuses production without credentials, storage and tenants, naming every missing key', () => {
    const p = problems({ NODE_ENV: 'production' }).join('\n');
    expect(p).toMatch(/BOT_ID/);
    expect(p).toMatch(/STORAGE_ACCOUNT_URL/);
    expect(p).toMatch(/ALLOWED_TENANT_IDS/);
    expect(p).toMatch(/TAB_SSO_CLIENT_ID/);
  });

  it('requires a secret, a certificate or managed identity with an app id', () => {
    expect(problems({ BOT_ID: APP, BOT_TENANT_ID: TENANT }).join('\n')).toMatch(/BOT_PASSWORD/);
    expect(problems({ BOT_ID: APP, BOT_TENANT_ID: TENANT, BOT_TYPE: 'UserAssignedMSI' })).toEqual([]);
    expect(problems({ BOT_ID: APP, BOT_TENANT_ID: TENANT, BOT_CERTIFICATE_THUMBPRINT: 'AB', BOT_CERTIFICATE_PRIVATE_KEY: 'pem' })).toEqual([]);
    expect(problems({ BOT_ID: APP, BOT_PASSWORD: 'x' }).join('\n')).toMatch(/BOT_TENANT_ID/);
    expect(problems({ BOT_ID: APP, BOT_PASSWORD: 'x', BOT_TYPE: 'MultiTenant' })).toEqual([]);
  });

  it('accepts a production setup on managed identity with no secret', () => {
    const c = parseConfig({
      NODE_ENV: 'production',
      BOT_ID: APP,
      BOT_TYPE: 'UserAssignedMSI',
      BOT_TENANT_ID: TENANT,
      STORAGE_ACCOUNT_URL: 'https://quorumsa.table.core.windows.net',
      ALLOWED_TENANT_IDS: TENANT,
      TAB_SSO_CLIENT_ID: '6a1f3c5e-8b2d-4f7a-9c1e-3d5f7a9b1c2e',
    });
    expect(c.storage).toEqual({ kind: 'account-url', accountUrl: 'https://quorumsa.table.core.windows.net', tablePrefix: 'quorum' });
    expect(c.host).toBe('0.0.0.0');
    expect(c.bot?.password).toBeUndefined();
  });

  it('refuses a non-loopback host without authentication', () => {
    expect(problems({ HOST: '0.0.0.0' }).join('\n')).toMatch(/HOST: .*loopback/);
    expect(problems({ HOST: '0.0.0.0', BOT_ID: APP, BOT_PASSWORD: 'x', BOT_TYPE: 'MultiTenant' })).toEqual([]);
  });

  it("knows the Agents Playground's port only in local development mode", () => {
    expect(parseConfig({ PLAYGROUND_PORT: '56150' }).playground).toEqual({ port: 56150 });
    expect(parseConfig({ PLAYGROUND_PORT: '' }).playground).toBeUndefined();
    expect(problems({ PLAYGROUND_PORT: 'chat' }).join('\n')).toMatch(/^PLAYGROUND_PORT:/);
    expect(problems({ PLAYGROUND_PORT: '56150', BOT_ID: APP, BOT_PASSWORD: 'x', BOT_TYPE: 'MultiTenant' }).join('\n')).toMatch(/PLAYGROUND_PORT: .*without BOT_ID/);
  });

  it('parses initial co-chairs as tenant:object id pairs and rejects anything else', () => {
    expect(parseConfig({ INITIAL_CO_CHAIRS: ` ${TENANT}:${OID.toUpperCase()} ` }).initialCoChairs).toEqual([{ tenantId: TENANT, aadObjectId: OID }]);
    expect(problems({ INITIAL_CO_CHAIRS: OID }).join('\n')).toMatch(/INITIAL_CO_CHAIRS/);
    expect(problems({ INITIAL_CO_CHAIRS: `${TENANT}:alice@example.org` }).join('\n')).toMatch(/INITIAL_CO_CHAIRS/);
  });

  it('takes an optional team after an initial co-chair, typed or as Teams encodes it in a link', () => {
    const team = '19:Zc1qXfQwR8mJ0yE3vT6uN2kL5hP9sA4b@thread.tacv2';
    const parsed = parseConfig({ INITIAL_CO_CHAIRS: `${TENANT}:${OID}@${team}, ${TENANT}:${OID}@${encodeURIComponent(team)}, ${TENANT}:${OID}` }).initialCoChairs;
    expect(parsed).toEqual([
      { tenantId: TENANT, aadObjectId: OID, teamId: team },
      { tenantId: TENANT, aadObjectId: OID, teamId: team },
      { tenantId: TENANT, aadObjectId: OID },
    ]);
    for (const bad of [`${TENANT}:${OID}@`, `${TENANT}:${OID}@general`, `${TENANT}:${OID}@19:x@thread.tacv2@y`, `${TENANT}:${OID}@%E0%A4%A`]) {
      expect(problems({ INITIAL_CO_CHAIRS: bad }).join('\n')).toMatch(/INITIAL_CO_CHAIRS/);
    }
  });

  it('wants all Bot Framework endpoint overrides or none', () => {
    expect(problems({ BOT_ID: APP, BOT_PASSWORD: 'x', BOT_TYPE: 'MultiTenant', BOT_AUTH_OPENID_METADATA_URL: 'http://127.0.0.1:1/x' }).join('\n')).toMatch(/BOT_AUTH_.*all set or none/);
  });

  it('rejects bad values with the variable name', () => {
    expect(problems({ PORT: 'eighty' }).join('\n')).toMatch(/^PORT:/);
    expect(problems({ STORAGE_TABLE_PREFIX: 'no-dashes' }).join('\n')).toMatch(/STORAGE_TABLE_PREFIX/);
    expect(problems({ STORAGE_ACCOUNT_URL: 'http://insecure.example' }).join('\n')).toMatch(/STORAGE_ACCOUNT_URL/);
    expect(problems({ ALLOWED_TENANT_IDS: 'contoso.com' }).join('\n')).toMatch(/ALLOWED_TENANT_IDS/);
  });
});
