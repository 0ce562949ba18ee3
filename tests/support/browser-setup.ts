import { spawnSync } from 'node:child_process';
import path from 'node:path';
import globalSetup from './global-setup';

/** Browser tests run against the built tab: build it once, then start Azurite as for every test. */
export default async function browserSetup(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  // Jest sets NODE_ENV=test, which would give React's development build: test what users get.
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', 'tab', '--logLevel', 'error'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) throw new Error(`tab build failed:\n${build.stdout}\n${build.stderr}`);
  await globalSetup();
}
