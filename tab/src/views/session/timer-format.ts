/** Where the session view is shown: the meeting stage, the side panel, or a tab. */
export type Layout = 'stage' | 'panel' | 'content';

/** m:ss (or h:mm:ss) of a duration, for timers. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
