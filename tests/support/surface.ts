import { standIn } from '../../manifest/commands';
import type { ApiRoute, CardVerb } from '../../bot/src/platform/teams/feature';
import { createFeatures } from '../../bot/src/features/index';
import type { QuorumContext } from '../../bot/src/features/storage';

/** Every card verb and tab API route the service registers (read from the same factories). */
export function registeredSurface(): { verbs: string[]; routes: Pick<ApiRoute, 'method' | 'path' | 'audience'>[] } {
  const features = createFeatures(standIn() as QuorumContext);
  return {
    verbs: features.flatMap((f) => (f.verbs ?? []).map((v: CardVerb) => v.verb)),
    routes: features.flatMap((f) => (f.routes ?? []).map((r) => ({ method: r.method, path: r.path, audience: r.audience }))),
  };
}
