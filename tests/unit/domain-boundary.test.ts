import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SDKS = ['botbuilder', 'restify', '@azure/data-tables', '@microsoft/teams-js', 'adaptivecards-templating', 'pino'];

/** Lints source text as if it were at `file`, with the repository's real ESLint config. */
function ruleIds(code: string, file: string): string[] {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '-c', 'bot/eslint.config.mjs', '--stdin', '--stdin-filename', file, '--format', 'json'], {
    cwd: ROOT,
    input: code,
    encoding: 'utf8',
  });
  const report = JSON.parse(run.stdout) as { messages: { ruleId: string | null }[] }[];
  return report.flatMap((r) => r.messages.map((m) => m.ruleId ?? 'fatal'));
}

/** DESIGN.md rule 1, enforced by the lint rule this test exercises on real source text. */
describe('the domain stays free of SDKs', () => {
  const imports = SDKS.map((pkg, i) => `import x${i} from '${pkg}';\nexport const y${i} = x${i};`).join('\n');

  it('refuses every SDK import in bot/src/kernel', () => {
    expect(ruleIds(imports, 'bot/src/kernel/example.ts').filter((r) => r === 'no-restricted-imports')).toHaveLength(SDKS.length);
  });

  it('allows the same imports at the edge', () => {
    expect(ruleIds(imports, 'bot/src/platform/teams/example.ts')).not.toContain('no-restricted-imports');
  });
});
