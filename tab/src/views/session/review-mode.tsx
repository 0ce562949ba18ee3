import { Button, Caption1, Field, Input, MessageBar, MessageBarBody, ProgressBar, Select, Subtitle2, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { Empty, ErrorBar, Loading } from '../../components/status';
import { useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useResource } from '../../lib/use-resource';
import { itemsResponse, type ItemPriority as Priority, type ItemStatus as Status } from '../../../../bot/src/features/work-plan/routes/work-plan.contract';
import { PRIORITIES, priorityKey, STATUSES, statusKey } from '../work-plan/filters';
import { useReviewItem } from './use-review-item';

/**
 * Steps through the carried-forward (open) action items one at a time. The list is taken
 * once when the review opens, so an item closed during the review keeps its place instead of
 * vanishing under the co-chair's cursor; the item shown is read fresh at each step.
 */
export function ReviewMode() {
  const t = useT();
  const { api, me } = useSession();
  const list = useResource(() => api.getPages('items', itemsResponse, { open: 'true', sort: 'ref' }).then((pages) => pages.flatMap((p) => p.items)), [api]);
  const [index, setIndex] = useState(0);
  const items = list.data ?? [];
  const at = Math.min(index, Math.max(0, items.length - 1));
  const review = useReviewItem(api, items[at]?.ref);

  if (list.error) return <ErrorBar error={list.error} onRetry={list.reload} />;
  if (list.loading && !list.data) return <Loading />;
  if (items.length === 0) return <Empty text={t('sesReviewEmpty')} />;

  const shown = review.item ?? items[at]!;
  // The server decides (an owner may change status and progress, not priority); this only hides what cannot work.
  const canEdit = me.role === 'co-chair' || shown.owner?.aadObjectId === me.aadObjectId;
  const d = review.draft;
  const ref = shown.ref;
  return (
    <section aria-labelledby="review-title" style={{ display: 'grid', gap: 8, minWidth: 0 }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <Subtitle2 id="review-title" as="h3" style={{ marginInlineEnd: 'auto' }}>
          {t('sesReviewTitle')}
        </Subtitle2>
        <Caption1 aria-live="polite">{t('sesReviewPos', { n: at + 1, count: items.length })}</Caption1>
      </div>
      {/* Unavailable buttons stay focusable (aria-disabled): reaching the last item must not drop the keyboard focus. */}
      <div style={{ display: 'flex', gap: 6 }}>
        <Button disabledFocusable={at === 0} onClick={() => setIndex(at - 1)}>
          {t('sesReviewPrev')}
        </Button>
        <Button appearance="primary" disabledFocusable={at >= items.length - 1} onClick={() => setIndex(at + 1)}>
          {t('sesReviewNext')}
        </Button>
      </div>
      <article aria-label={`${ref} · ${shown.title}`} style={{ display: 'grid', gap: 6, padding: 12, borderRadius: 6, border: '1px solid var(--colorNeutralStroke2)', minWidth: 0 }}>
        <Text weight="semibold" size={400} style={{ overflowWrap: 'anywhere' }}>
          <bdi>{ref}</bdi> · <bdi>{shown.title}</bdi>
        </Text>
        {shown.description && (
          <Text dir="auto" style={{ overflowWrap: 'anywhere' }}>
            {shown.description}
          </Text>
        )}
        <Caption1 style={{ overflowWrap: 'anywhere' }}>
          {[
            shown.owner?.name ? <bdi key="owner">{shown.owner.name}</bdi> : t('wpNoOwner'),
            shown.organisation && <bdi key="org">{shown.organisation}</bdi>,
            shown.due ?? t('wpNoDue'),
            shown.area && <bdi key="area">{shown.area}</bdi>,
          ]
            .filter(Boolean)
            .map((part, i) => (
              <span key={i}>
                {i > 0 && ' · '}
                {part}
              </span>
            ))}
        </Caption1>
        <ProgressBar value={shown.progress / 100} thickness="large" aria-label={t('sesProgressDone', { ref, progress: shown.progress })} />
        {canEdit ? (
          <form
            // The server validates; the browser's step check would block a progress of 42 set in chat.
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              review.save();
            }}
            style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(110px, 1fr))', gap: 8, alignItems: 'end' }}
          >
            <Field label={`${t('wpStatus')} ${ref}`}>
              <Select value={d?.status ?? shown.status} disabled={review.busy} onChange={(_e, v) => review.change({ status: v.value as Status })}>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(statusKey(s))}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={`${t('wpProgress')} ${ref}`}>
              <Input
                type="number"
                min={0}
                max={100}
                step={5}
                value={d?.progress ?? String(shown.progress)}
                disabled={review.busy}
                onChange={(_e, v) => review.change({ progress: v.value })}
                style={{ minWidth: 0 }}
              />
            </Field>
            <Field label={`${t('wpPriority')} ${ref}`}>
              <Select value={d?.priority ?? shown.priority} disabled={review.busy} onChange={(_e, v) => review.change({ priority: v.value as Priority })}>
                {PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {t(priorityKey(p))}
                  </option>
                ))}
              </Select>
            </Field>
            <div>
              <Button type="submit" appearance="primary" disabledFocusable={review.busy}>
                {t('wpSave')}
              </Button>
            </div>
          </form>
        ) : (
          <>
            <Caption1>{[t(statusKey(shown.status)), `${shown.progress} %`, t(priorityKey(shown.priority))].join(' · ')}</Caption1>
            <Caption1>{t('sesReviewReadOnly')}</Caption1>
          </>
        )}
        {review.error && (
          <Text role="alert" style={{ color: 'var(--colorPaletteRedForeground1)' }}>
            {review.error}
          </Text>
        )}
        <div role="status">
          {review.notice && (
            <MessageBar intent="success">
              <MessageBarBody>{review.notice}</MessageBarBody>
            </MessageBar>
          )}
        </div>
      </article>
    </section>
  );
}
