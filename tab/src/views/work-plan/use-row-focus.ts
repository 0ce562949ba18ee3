import { useEffect, useRef } from 'react';

/**
 * Keeps the keyboard where the work is when a row switches between showing and editing an
 * item (the Edit button and the inputs replace each other, so focus would fall to the page):
 * into the row's first input when editing starts, back onto its Edit button when it ends.
 */
export function useRowFocus<R extends HTMLElement>(editing: boolean) {
  const row = useRef<R>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const was = useRef(editing);
  useEffect(() => {
    if (editing && !was.current) row.current?.querySelector<HTMLElement>('select, input')?.focus();
    if (!editing && was.current) {
      const active = document.activeElement;
      // Only when focus was lost with the inputs (or is still in the row): never steal it from elsewhere.
      if (!active || active === document.body || row.current?.contains(active)) editButton.current?.focus();
    }
    was.current = editing;
  }, [editing]);
  return { row, editButton };
}
