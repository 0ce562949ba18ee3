import { createContext, useContext } from 'react';
import type { ApiClient } from './api';
import type { Host } from './host';

export interface Me {
  tenantId: string;
  aadObjectId: string;
  name: string;
  role: 'co-chair' | 'member';
  group: { teamId: string; name: string; timeZone: string };
}

/** What every view needs: the host, the API, and who is signed in (from the server). */
export interface Session {
  host: Host;
  api: ApiClient;
  me: Me;
}

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the app');
  return s;
}
