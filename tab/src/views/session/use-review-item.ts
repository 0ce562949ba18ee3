import { useCallback, useEffect, useState } from 'react';
import { ApiError, type ApiClient } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { itemWithEtag, type Item, type ItemPriority as Priority, type ItemStatus as Status, type PatchItemBody } from '../../../../bot/src/features/work-plan/routes/work-plan.contract';

export interface ReviewDraft {
  status: Status;
  progress: string;
  priority: Priority;
}

export interface ReviewItem {
  item?: Item;
  draft?: ReviewDraft;
  busy: boolean;
  /** The server's catalogued refusal, shown next to the fields. */
  error?: string;
  notice?: string;
  change(patch: Partial<ReviewDraft>): void;
  save(): void;
}

const toDraft = (i: Item): ReviewDraft => ({ status: i.status, progress: String(i.progress), priority: i.priority });

/**
 * The item under review, read with its ETag each time the review steps onto it. Saving sends
 * only what changed with If-Match; on a conflict the item is read again and the user told,
 * so another co-chair's change made meanwhile is never overwritten.
 */
export function useReviewItem(api: ApiClient, ref: string | undefined): ReviewItem {
  const t = useT();
  const [state, setState] = useState<{ item: Item; etag: string; draft: ReviewDraft }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();

  const read = useCallback(
    async (r: string) => {
      const fresh = await api.get(`items/${encodeURIComponent(r)}`, itemWithEtag);
      setState({ item: fresh.item, etag: fresh.etag, draft: toDraft(fresh.item) });
    },
    [api],
  );

  useEffect(() => {
    setState(undefined);
    setError(undefined);
    setNotice(undefined);
    if (ref) read(ref).catch((e: Error) => setError(e.message));
  }, [ref, read]);

  const save = () => {
    if (!state || busy) return;
    const { item, etag, draft } = state;
    const body: PatchItemBody = {};
    if (draft.status !== item.status) body.status = draft.status;
    if (draft.priority !== item.priority) body.priority = draft.priority;
    if (draft.progress !== String(item.progress)) body.progress = Number(draft.progress);
    if (Object.keys(body).length === 0) return;
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    api
      .send('PATCH', `items/${encodeURIComponent(item.ref)}`, itemWithEtag, body, { 'if-match': etag })
      .then(
        (saved) => {
          setState({ item: saved.item, etag: saved.etag, draft: toDraft(saved.item) });
          setNotice(t('wpSaved', { ref: item.ref }));
        },
        async (e: Error) => {
          if (e instanceof ApiError && e.code === 'concurrent-update') {
            await read(item.ref).catch(() => undefined);
            setError(t('wpConflict', { ref: item.ref }));
          } else setError(e.message);
        },
      )
      .finally(() => setBusy(false));
  };

  return {
    ...(state ? { item: state.item, draft: state.draft } : {}),
    busy: busy || !state,
    ...(error ? { error } : {}),
    ...(notice ? { notice } : {}),
    change: (patch) => setState((s) => (s ? { ...s, draft: { ...s.draft, ...patch } } : s)),
    save,
  };
}
