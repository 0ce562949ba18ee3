import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Lints source text as if it were at `file`, with the repository's real ESLint config (the
 * imported files are real, so the boundary rule resolves them as it does in `npm run lint`).
 */
function lint(code: string, file: string): string[] {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '-c', 'bot/eslint.config.mjs', '--stdin', '--stdin-filename', file, '--format', 'json'], {
    cwd: ROOT,
    input: code,
    encoding: 'utf8',
  });
  const report = JSON.parse(run.stdout) as { messages: { ruleId: string | null }[] }[];
  return report.flatMap((r) => r.messages.map((m) => m.ruleId ?? 'fatal'));
}

const uses = (spec: string, name = 'x') => `import { ${name} } from '${spec}';\nexport const y = ${name};\n`;
const usesType = (spec: string, name: string) => `import type { ${name} } from '${spec}';\nexport type Y = ${name};\n`;
const BOUNDARY = 'boundaries/dependencies';
const SDK = 'no-restricted-imports';

// docs/architecture.md, "Dependency rules": each case is one rule, shown broken and kept.
describe('the layout rules the linter enforces', () => {
  it('keeps every SDK out of the kernel and out of a feature domain', () => {
    for (const pkg of ['botbuilder', 'restify', '@azure/data-tables', '@microsoft/teams-js', 'adaptivecards-templating', 'pino', 'node:fs']) {
      expect({ pkg, kernel: lint(uses(pkg), 'bot/src/kernel/example.ts') }).toEqual({ pkg, kernel: [SDK] });
      expect({ pkg, domain: lint(uses(pkg), 'bot/src/features/polls/domain/example.ts') }).toEqual({ pkg, domain: [SDK] });
    }
    expect(lint(uses('zod', 'z'), 'bot/src/features/polls/domain/example.ts')).toEqual([]);
  });

  it('lets a feature domain import the kernel and its own domain, nothing else', () => {
    const at = 'bot/src/features/polls/domain/example.ts';
    expect(lint(uses('../../../kernel/errors', 'QuorumError'), at)).toEqual([]);
    expect(lint(uses('./poll', 'canSeeResults'), at)).toEqual([]);
    expect(lint(uses('../storage/poll.repository', 'TablePollRepository'), at)).toEqual([BOUNDARY]);
    expect(lint(uses('../../../platform/i18n/i18n', 'translator'), at)).toEqual([BOUNDARY]);
    expect(lint(uses('../../sessions/domain/session', 'nextSession'), at)).toEqual([BOUNDARY]);
    // Another feature's public types (erased at compile time), never its code.
    expect(lint(usesType('../../sessions', 'Session'), at)).toEqual([]);
    expect(lint(uses('../../sessions', 'nextSession'), at)).toEqual([BOUNDARY]);
  });

  it('lets features reach each other only through index.ts', () => {
    const at = 'bot/src/features/polls/chat/example.ts';
    expect(lint(uses('../../sessions', 'nextSession'), at)).toEqual([]);
    expect(lint(uses('../../sessions/domain/session', 'nextSession'), at)).toEqual([BOUNDARY]);
    expect(lint(uses('../../sessions/storage/session.repository', 'TableSessionRepository'), at)).toEqual([BOUNDARY]);
    expect(lint(uses('../storage/poll.repository', 'TablePollRepository'), at)).toEqual([]);
  });

  it('keeps the platform free of features', () => {
    expect(lint(uses('../../features/core', 'coreFeature'), 'bot/src/platform/teams/example.ts')).toEqual([BOUNDARY]);
    expect(lint(uses('../../kernel/errors', 'QuorumError'), 'bot/src/platform/teams/example.ts')).toEqual([]);
  });

  it('keeps botbuilder in platform/teams and platform/http, restify in platform/http, @azure in storage', () => {
    expect(lint(uses('botbuilder', 'TeamsInfo'), 'bot/src/features/work-plan/chat/example.ts')).toEqual([SDK]);
    expect(lint(uses('botbuilder', 'TeamsInfo'), 'bot/src/platform/scheduler/example.ts')).toEqual([SDK]);
    expect(lint(uses('botbuilder', 'TeamsInfo'), 'bot/src/platform/teams/example.ts')).toEqual([]);
    expect(lint(uses('restify', 'createServer'), 'bot/src/platform/teams/example.ts')).toEqual([SDK]);
    expect(lint(uses('restify', 'createServer'), 'bot/src/platform/http/example.ts')).toEqual([]);
    expect(lint(uses('@azure/data-tables', 'odata'), 'bot/src/features/polls/routes/example.ts')).toEqual([SDK]);
    expect(lint(uses('@azure/data-tables', 'odata'), 'bot/src/features/polls/storage/example.ts')).toEqual([]);
    expect(lint(uses('@azure/data-tables', 'odata'), 'bot/src/platform/storage/example.ts')).toEqual([]);
  });

  it("lets the tab import only its own code, the kernel and the features' route contracts", () => {
    expect(lint(uses('../../../bot/src/features/polls/domain/poll', 'canSeeResults'), 'tab/src/views/example.ts')).toEqual([BOUNDARY]);
    expect(lint(uses('../../../bot/src/kernel/display-time', 'formatDateTime'), 'tab/src/views/example.ts')).toEqual([]);
    expect(lint(uses('../../../bot/src/features/polls/routes/polls.contract', 'pollKind'), 'tab/src/views/example.ts')).toEqual([]);
    expect(lint(uses('../../../bot/src/features/polls/routes/poll-routes', 'pollRoutes'), 'tab/src/views/example.ts')).toEqual([BOUNDARY]);
  });
});
