import { useState } from 'react';
import { ApiError, type ApiClient } from '../../lib/api';
import { useT } from '../../lib/i18n';
import {
  itemWithEtag,
  type Item,
  type ListedItem,
  type ItemPriority as Priority,
  type ItemStatus as Status,
  type PatchItemBody,
} from '../../../../bot/src/features/work-plan/routes/work-plan.contract';

export interface Draft {
  status: Status;
  progress: string;
  due: string;
  priority: Priority;
}

export interface ItemEdit {
  ref?: string;
  draft?: Draft;
  busy: boolean;
  /** The server's catalogued message for the item being edited. */
  error?: string;
  notice?: string;
  start(item: ListedItem): void;
  change(patch: Partial<Draft>): void;
  save(): void;
  cancel(): void;
}

const toDraft = (i: Item): Draft => ({ status: i.status, progress: String(i.progress), due: i.due ?? '', priority: i.priority });

/**
 * One row edited at a time. Editing starts from the item and ETag the list gave (or reads
 * them when the list had none); saving sends only what
 * changed with If-Match, so a change someone made meanwhile is never overwritten: on a 409
 * the item is read again, the list reloaded, and the user told.
 */
export function useItemEdit(api: ApiClient, onChanged: () => void): ItemEdit {
  const t = useT();
  const [state, setState] = useState<{ ref: string; etag: string; original: Item; draft: Draft }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();

  const read = async (ref: string) => {
    const fresh = await api.get(`items/${encodeURIComponent(ref)}`, itemWithEtag);
    setState({ ref, etag: fresh.etag, original: fresh.item, draft: toDraft(fresh.item) });
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };

  const start = (item: ListedItem) => {
    setError(undefined);
    setNotice(undefined);
    setState({ ref: item.ref, etag: item.etag, original: item, draft: toDraft(item) });
    if (!item.etag) void run(() => read(item.ref).catch((e: Error) => setError(e.message)));
  };

  const save = () => {
    if (!state) return;
    const { ref, etag, original, draft } = state;
    const body: PatchItemBody = {};
    if (draft.status !== original.status) body.status = draft.status;
    if (draft.priority !== original.priority) body.priority = draft.priority;
    if (draft.progress !== String(original.progress)) body.progress = Number(draft.progress);
    if (draft.due !== (original.due ?? '')) body.due = draft.due || null;
    if (Object.keys(body).length === 0) return setState(undefined);
    setError(undefined);
    void run(async () => {
      try {
        await api.send('PATCH', `items/${encodeURIComponent(ref)}`, itemWithEtag, body, { 'if-match': etag });
        setState(undefined);
        setNotice(t('wpSaved', { ref }));
        onChanged();
      } catch (e) {
        if (e instanceof ApiError && e.code === 'concurrent-update') {
          await read(ref).catch(() => undefined);
          onChanged();
          setError(t('wpConflict', { ref }));
        } else setError((e as Error).message);
      }
    });
  };

  return {
    ...(state ? { ref: state.ref, draft: state.draft } : {}),
    busy: busy || (!!state && !state.etag),
    ...(error ? { error } : {}),
    ...(notice ? { notice } : {}),
    start,
    change: (patch) => setState((s) => (s ? { ...s, draft: { ...s.draft, ...patch } } : s)),
    save,
    cancel: () => {
      setState(undefined);
      setError(undefined);
    },
  };
}
