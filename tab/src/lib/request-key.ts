import { useRef } from 'react';

/**
 * One Idempotency-Key per thing the user asked to create. Sending the same content again (a
 * double click, Enter pressed twice, a retry after an error or a timeout) reuses the key, so
 * the service answers with what the first request created instead of creating it twice.
 * Changed content is a new request (a new key); after a success the next submit is new too.
 */
export function useRequestKey(): { keyFor(body: unknown): string; done(): void } {
  const current = useRef<{ key: string; body: string } | undefined>(undefined);
  return {
    keyFor(body) {
      const text = JSON.stringify(body);
      if (current.current?.body !== text) current.current = { key: newKey(), body: text };
      return current.current.key;
    },
    done() {
      current.current = undefined;
    },
  };
}

/** getRandomValues, not randomUUID: it also works where the page is not a secure context. */
function newKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
