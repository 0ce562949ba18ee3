import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, type ApiClient } from '../../lib/api';
import { liveResponse, type LiveBody, type LiveResponse } from '../../../../bot/src/features/sessions/routes/sessions.contract';

/** Faster than the app's 4 s: a co-chair's "next item" must reach the stage within a few seconds, and this read is one row. */
const POLL_MS = 2000;

export interface Live {
  state?: LiveResponse['live'];
  /** First load failed (later poll failures keep the last state on screen). */
  error?: Error;
  busy: boolean;
  /** Why the last change did not apply (another co-chair moved first, a refusal). */
  notice?: string;
  /** Time spent on agenda item `i`, counted with the server's clock. */
  elapsed(i: number): number;
  change(c: { currentItem: number; running: boolean; reset?: boolean }): void;
}

/**
 * Follows the session's shared timer. Every screen polls the same row and counts the running
 * stretch from the server's `runningSince` with the server-to-browser clock offset, so the
 * stage and each co-chair show the same time even when their clocks disagree.
 */
export function useLive(api: ApiClient, sessionId: string): Live {
  const [data, setData] = useState<{ json: LiveResponse; offset: number }>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [, setTick] = useState(0);
  // A poll that started before our own write finished must not put the old state back.
  const writes = useRef(0);

  const accept = (json: LiveResponse) => setData({ json, offset: Date.parse(json.now) - Date.now() });
  const load = useCallback(() => {
    const seen = writes.current;
    api.get(`sessions/${encodeURIComponent(sessionId)}/live`, liveResponse).then(
      (json) => {
        if (seen !== writes.current) return;
        accept(json);
        setError(undefined);
      },
      (e: Error) => setError(e),
    );
  }, [api, sessionId]);

  useEffect(() => {
    load();
    const timer = setInterval(() => document.visibilityState === 'visible' && load(), POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

  const running = data?.json.live.running ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [running]);

  const elapsed = (i: number) => {
    if (!data) return 0;
    const { live } = data.json;
    const banked = live.elapsedMs[i] ?? 0;
    if (!live.running || live.current !== i || !live.runningSince) return banked;
    return banked + Math.max(0, Date.now() + data.offset - Date.parse(live.runningSince));
  };

  const change: Live['change'] = (c) => {
    if (busy) return;
    writes.current++;
    setBusy(true);
    setNotice(undefined);
    api
      .send('PUT', `sessions/${encodeURIComponent(sessionId)}/live`, liveResponse, c satisfies LiveBody, data?.json.etag ? { 'if-match': data.json.etag } : {})
      .then(accept, (e: Error) => {
        setNotice(e.message);
        if (e instanceof ApiError && e.status === 409) load();
      })
      .finally(() => setBusy(false));
  };

  return { ...(data ? { state: data.json.live } : {}), ...(error && !data ? { error } : {}), busy, ...(notice ? { notice } : {}), elapsed, change };
}
