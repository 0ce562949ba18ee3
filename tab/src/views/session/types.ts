/** What GET /api/tab/sessions/next answers (null when none is planned). */
export interface AgendaItem {
  title: string;
  presenter?: string;
  minutes?: number;
  actionItemIds: string[];
  pollIds: string[];
}

export interface PlannedSession {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  place: string | null;
  onlineUrl: string | null;
  description: string | null;
  agenda: AgendaItem[];
  status: 'planned' | 'in-progress' | 'closed';
  review: { ref: string; title: string }[];
}

/** GET/PUT sessions/:id/live: the shared timer, with the server's clock. */
export interface LiveJson {
  live: { current: number; running: boolean; runningSince: string | null; elapsedMs: number[]; updatedAt: string };
  etag: string;
  now: string;
}

export interface Outcomes {
  decisions: { ref: string; kind: string; title: string; decidedAt: string; status: string }[];
  items: { ref: string; title: string; status: string; priority: string; organisation: string | null }[];
}

export type Layout = 'stage' | 'panel' | 'content';

/** m:ss (or h:mm:ss) of a duration, for timers. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
