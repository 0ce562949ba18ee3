import { Button, Subtitle2 } from '@fluentui/react-components';
import { Polite } from '../../components/polite';
import { ErrorBar, Loading } from '../../components/status';
import { useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useResource } from '../../lib/use-resource';
import { PollActions } from './poll-actions';
import { PollMeta, PollResults } from './poll-results';
import { useVoteNews } from './vote-news';
import { pollSummary } from '../../../../bot/src/features/polls/routes/polls.contract';

/** One poll with its results chart, refreshed every few seconds while open. */
export function PollDetail({ id, onBack, onClosed }: { id: string; onBack(): void; onClosed(): void }) {
  const t = useT();
  const { api } = useSession();
  const res = useResource(() => api.get(`polls/${encodeURIComponent(id)}`, pollSummary), [api, id], 2000);
  const news = useVoteNews(res.data ? [res.data] : undefined);
  const back = (
    <div>
      <Button size="small" onClick={onBack}>
        {t('pollBack')}
      </Button>
    </div>
  );
  if (res.error && !res.data)
    return (
      <div style={{ display: 'grid', gap: 8 }}>
        {back}
        <ErrorBar error={res.error} onRetry={res.reload} />
      </div>
    );
  if (!res.data) return <Loading />;
  const p = res.data;
  return (
    <article aria-labelledby="poll-title" style={{ display: 'grid', gap: 12, minWidth: 0, maxWidth: 760 }}>
      {back}
      <Polite text={news} />
      <Subtitle2 id="poll-title" as="h3" style={{ overflowWrap: 'anywhere' }}>
        <bdi>{p.question}</bdi>
      </Subtitle2>
      <PollMeta poll={p} />
      {res.error && <ErrorBar error={res.error} onRetry={res.reload} />}
      <PollResults poll={p} />
      <PollActions
        poll={p}
        onClosed={() => {
          res.reload();
          onClosed();
        }}
      />
    </article>
  );
}
