import { useRef } from 'react';

/** Off screen but read: the WCAG "visually hidden" pattern (display:none would silence it too). */
const HIDDEN: React.CSSProperties = { position: 'absolute', width: 1, height: 1, margin: -1, padding: 0, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0 };

/**
 * A polite live region: a screen reader reads its text when it changes, once it has finished
 * what it is saying. The region is always rendered, so that the first change is announced
 * (a region that appears with its text already in it is not).
 */
export function Polite({ text }: { text: string }) {
  return (
    <div aria-live="polite" aria-atomic="true" data-testid="polite" style={HIDDEN}>
      {text}
    </div>
  );
}

/**
 * The message for the last thing that changed among `values` (id → value), '' until
 * something changes after the first values seen: what was on screen at load is not news.
 */
export function useChangeNews(values: [id: string, value: number, message: string][] | undefined): string {
  const seen = useRef<Map<string, number>>(undefined);
  const news = useRef('');
  if (!values) return news.current;
  if (seen.current) {
    for (const [id, value, message] of values) if (seen.current.has(id) && seen.current.get(id) !== value) news.current = message;
  }
  seen.current = new Map(values.map(([id, value]) => [id, value]));
  return news.current;
}
