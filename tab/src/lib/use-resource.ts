import { useCallback, useEffect, useRef, useState } from 'react';

export interface Resource<T> {
  data?: T;
  error?: Error;
  loading: boolean;
  reload(): void;
}

/**
 * Loads data for a view and, with `pollMs`, reloads it while the page is visible, so a vote
 * cast in chat or another co-chair's edit shows within a few seconds without a reload.
 */
export function useResource<T>(load: () => Promise<T>, deps: unknown[], pollMs?: number): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;
  const run = useCallback(() => {
    loadRef.current().then(
      (data) => setState({ data, loading: false }),
      (error: Error) => setState((s) => ({ ...s, error, loading: false })),
    );
  }, deps);
  useEffect(() => {
    setState((s) => ({ ...s, loading: true }));
    run();
    if (!pollMs) return;
    const timer = setInterval(() => document.visibilityState === 'visible' && run(), pollMs);
    return () => clearInterval(timer);
  }, [run, pollMs]);
  return { ...state, reload: run };
}
