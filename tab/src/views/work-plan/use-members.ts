import type { ApiClient } from '../../lib/api';
import { useResource } from '../../lib/use-resource';
import { coChairs } from '../../../../bot/src/features/core/routes/core.contract';

/** The group's members (names and organisations), from the co-chairs API every member may read. */
export function useMembers(api: ApiClient) {
  return useResource(() => api.get('cochairs', coChairs).then((r) => r.members), [api]);
}
