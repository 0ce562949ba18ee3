import { Button, MessageBar, MessageBarBody, Subtitle2, Text, Title2, useRestoreFocusTarget } from '@fluentui/react-components';
import { lazy, Suspense, useState } from 'react';
import { Polite } from '../../components/polite';
import { Empty, ErrorBar, Loading } from '../../components/status';
import { useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useResource } from '../../lib/use-resource';
import { PollActions } from './poll-actions';
import { PollMeta, PollResults } from './poll-results';
import { useVoteNews } from './vote-news';
import { pollPage } from '../../../../bot/src/features/polls/routes/polls.contract';

const CreatePollDialog = lazy(() => import('./create-poll-dialog'));

/**
 * One session's polls with live results, self-contained (it fetches its own data) so the
 * session view can mount it. `panel` (meeting side panel): co-chairs close polls and create
 * one for the session. `stage` (shared on the meeting stage): large and read-only.
 */
export function SessionPolls({ sessionId, variant }: { sessionId: string; variant: 'panel' | 'stage' }) {
  const t = useT();
  const { api, me } = useSession();
  const stage = variant === 'stage';
  const res = useResource(() => api.getPages('polls', pollPage, { session: sessionId }).then((pages) => pages.flatMap((p) => p.polls)), [api, sessionId], 2000);
  const news = useVoteNews(res.data);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string>();
  const coChair = me.role === 'co-chair' && !stage;
  const Heading = stage ? Title2 : Subtitle2;
  const headingId = `session-polls-${variant}`;
  // The dialog gives focus back to this button when it closes (it has no DialogTrigger).
  const restoreTarget = useRestoreFocusTarget();

  return (
    <section aria-labelledby={headingId} style={{ display: 'grid', gap: stage ? 24 : 12, minWidth: 0 }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <Heading id={headingId} as="h2" style={{ marginInlineEnd: 'auto' }}>
          {t('pollSessionTitle')}
        </Heading>
        {coChair && (
          <Button appearance="primary" {...restoreTarget} onClick={() => setCreating(true)}>
            {t('pollNewForSession')}
          </Button>
        )}
      </div>
      {!stage && (
        <div role="status">
          {notice && (
            <MessageBar intent="success" layout="multiline">
              <MessageBarBody>{notice}</MessageBarBody>
            </MessageBar>
          )}
        </div>
      )}
      <Polite text={news} />
      {res.error && <ErrorBar error={res.error} onRetry={res.reload} />}
      {!res.data ? (
        !res.error && <Loading />
      ) : res.data.length === 0 ? (
        <Empty text={t('pollEmptySession')} />
      ) : (
        <ul aria-label={t('pollSessionTitle')} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: stage ? 32 : 16, minWidth: 0 }}>
          {res.data.map((p) => (
            <li
              key={p.id}
              aria-labelledby={`sp-${p.id}`}
              style={{ display: 'grid', gap: stage ? 12 : 8, minWidth: 0, borderBottom: '1px solid var(--colorNeutralStroke2)', paddingBottom: stage ? 24 : 12 }}
            >
              <Text id={`sp-${p.id}`} as="h3" size={stage ? 600 : 400} weight="semibold" style={{ margin: 0, overflowWrap: 'anywhere' }}>
                <bdi>{p.question}</bdi>
              </Text>
              <PollMeta poll={p} large={stage} />
              <PollResults poll={p} large={stage} />
              {coChair && (
                <PollActions
                  poll={p}
                  exportable={false}
                  onClosed={() => {
                    setNotice(t('pollClosedNotice'));
                    res.reload();
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {creating && (
        <Suspense fallback={null}>
          <CreatePollDialog
            sessionId={sessionId}
            onClose={(created) => {
              setCreating(false);
              if (created) {
                setNotice(t(created.posted ? 'pollCreated' : 'pollCreatedNotPosted'));
                res.reload();
              }
            }}
          />
        </Suspense>
      )}
    </section>
  );
}
