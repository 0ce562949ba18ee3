import { Button, MessageBar, MessageBarBody, Subtitle2, useRestoreFocusTarget } from '@fluentui/react-components';
import { lazy, Suspense, useState } from 'react';
import { Polite } from '../components/polite';
import { Empty, ErrorBar, Loading } from '../components/status';
import { useT } from '../lib/i18n';
import { useSession } from '../lib/session';
import { useResource } from '../lib/use-resource';
import { PollDetail } from './polls/poll-detail';
import { PollList } from './polls/poll-list';
import { SessionPolls } from './polls/session-polls';
import { useVoteNews } from './polls/vote-news';
import { pollPage } from '../../../bot/src/features/polls/routes/polls.contract';

const CreatePollDialog = lazy(() => import('./polls/create-poll-dialog'));

/**
 * The group's polls: list, results, create and close (co-chairs), CSV export. With
 * `?session=<id>` it shows that session's polls the way the session view does (large and
 * read-only on the meeting stage).
 */
export default function PollsView() {
  const { host } = useSession();
  const session = new URLSearchParams(location.search).get('session');
  if (session) return <SessionPolls sessionId={session} variant={host.frame === 'meetingStage' ? 'stage' : 'panel'} />;
  return <AllPolls />;
}

function AllPolls() {
  const t = useT();
  const { api, me } = useSession();
  const res = useResource(() => api.getPages('polls', pollPage).then((pages) => pages.flatMap((p) => p.polls)), [api], 3000);
  const [open, setOpen] = useState<string>();
  const news = useVoteNews(res.data);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string>();
  const coChair = me.role === 'co-chair';
  // The dialog gives focus back to this button when it closes (it has no DialogTrigger).
  const restoreTarget = useRestoreFocusTarget();

  return (
    <section aria-labelledby="polls-title" style={{ display: 'grid', gap: 12, minWidth: 0, maxWidth: 900 }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <Subtitle2 id="polls-title" as="h2" style={{ marginInlineEnd: 'auto' }}>
          {t('pollTitle')}
        </Subtitle2>
        {coChair && (
          <Button appearance="primary" {...restoreTarget} onClick={() => setCreating(true)}>
            {t('pollNew')}
          </Button>
        )}
      </div>
      {!coChair && <Empty text={t('pollCoChairsOnly')} />}
      <div role="status">
        {notice && (
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {open ? (
        <PollDetail
          id={open}
          onBack={() => setOpen(undefined)}
          onClosed={() => {
            setNotice(t('pollClosedNotice'));
            res.reload();
          }}
        />
      ) : (
        <>
          <Polite text={news} />
          {res.error && <ErrorBar error={res.error} onRetry={res.reload} />}
          {!res.data ? !res.error && <Loading /> : res.data.length === 0 ? <Empty text={t('pollEmpty')} /> : <PollList polls={res.data} onOpen={setOpen} />}
        </>
      )}
      {creating && (
        <Suspense fallback={null}>
          <CreatePollDialog
            onClose={(created) => {
              setCreating(false);
              if (created) {
                setNotice(t(created.posted ? 'pollCreated' : 'pollCreatedNotPosted'));
                res.reload();
                setOpen(created.poll.id);
              }
            }}
          />
        </Suspense>
      )}
    </section>
  );
}
