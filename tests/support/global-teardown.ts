import type { RunningAzurite } from '../../bot/src/dev/azurite';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __AZURITE__?: RunningAzurite }).__AZURITE__?.stop();
}
