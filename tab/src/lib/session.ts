import { createContext, useContext } from 'react';
import type { ApiClient } from './api';
import type { Me } from '../../../bot/src/features/core/routes/core.contract';
import type { Host } from './host';

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
