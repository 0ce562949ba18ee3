import { parseConfig } from '../../bot/src/platform/config';
import type { Clock } from '../../bot/src/kernel/clock';
import { startQuorum, type RunningQuorum } from '../../bot/src/main';
import { LogCapture } from './log-capture';
import { testStorageConnection, uniquePrefix } from './storage';

export interface TestService extends RunningQuorum {
  logs: LogCapture;
  tablePrefix: string;
  /** POSTs an activity to /api/messages the way the Bot Connector does. */
  post(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
}

/**
 * The real service (composition root, restify, botbuilder, Azurite) on a random loopback
 * port, with its own tables and a log capture. `env` is what an operator would set.
 */
export async function startTestService(env: Record<string, string> = {}, opts: { clock?: Clock } = {}): Promise<TestService> {
  const tablePrefix = env.STORAGE_TABLE_PREFIX ?? uniquePrefix();
  const config = parseConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'debug',
    SCHEDULER: 'off',
    STORAGE_CONNECTION_STRING: testStorageConnection(),
    STORAGE_TABLE_PREFIX: tablePrefix,
    ...env,
  });
  const logs = new LogCapture();
  const running = await startQuorum(config, { logDestination: logs, ...(opts.clock ? { clock: opts.clock } : {}) });
  return {
    ...running,
    logs,
    tablePrefix,
    async post(activity, headers = {}) {
      const res = await fetch(`${running.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof activity === 'string' ? activity : JSON.stringify(activity),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      return { status: res.status, body };
    },
  };
}
