import { createLogger } from '../../bot/src/platform/logging/logger';
import { scrub } from '../../bot/src/platform/logging/scrub';
import { LogCapture } from '../support/log-capture';

const JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImFiYyJ9.eyJhdWQiOiJ4IiwiaXNzIjoieSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('log scrubbing', () => {
  it('removes bearer tokens, JWTs and connection-string secrets from any text', () => {
    const out = scrub(`Authorization: Bearer ${JWT} and ${JWT}; AccountKey=abc123==;EndpointSuffix=x`);
    expect(out).not.toContain('eyJ');
    expect(out).not.toMatch(/Bearer\s+ey/);
    expect(out).not.toContain('abc123');
  });

  it('redacts known fields and scrubs errors and messages on the way out', () => {
    const logs = new LogCapture();
    const log = createLogger({ level: 'info', pretty: false, destination: logs });
    log.info({ headers: { authorization: `Bearer ${JWT}` }, token: JWT, password: 'hunter2' }, `got ${JWT}`);
    log.error({ err: new Error(`request failed with Authorization: Bearer ${JWT}`) }, 'boom');
    expect(logs.lines).toHaveLength(2);
    expect(logs.text).not.toContain('eyJ');
    expect(logs.text).not.toContain('hunter2');
    expect(logs.text).toContain('[redacted]');
  });
});
