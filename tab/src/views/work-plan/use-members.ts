import type { ApiClient } from '../../lib/api';
import { useResource } from '../../lib/use-resource';

export interface Member {
  aadObjectId: string;
  name: string;
  organisation: string;
  role: string;
}

/** The group's members (names and organisations), from the co-chairs API every member may read. */
export function useMembers(api: ApiClient) {
  return useResource(() => api.get<{ members: Member[] }>('cochairs').then((r) => r.members), [api]);
}
