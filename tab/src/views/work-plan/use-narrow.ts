import { useEffect, useState } from 'react';

/** True below ~480 px (a meeting side panel is 320 px): views switch to a compact list. */
export function useNarrow(maxWidth = 479): boolean {
  const query = `(max-width: ${maxWidth}px)`;
  const [narrow, setNarrow] = useState(() => matchMedia(query).matches);
  useEffect(() => {
    const mq = matchMedia(query);
    const on = () => setNarrow(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, [query]);
  return narrow;
}
