import { MessageBar, MessageBarBody, MessageBarTitle, Tab, TabList, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { Polite } from '../components/polite';
import { Empty, ErrorBar, Loading } from '../components/status';
import { useT } from '../lib/i18n';
import { useSession } from '../lib/session';
import { useResource } from '../lib/use-resource';
import { SessionPolls } from './polls/session-polls';
import { AgendaTimer, TimerControls } from './session/agenda-timer';
import { OutcomesPanel } from './session/outcomes';
import { QuickDecision } from './session/quick-decision';
import { ReviewMode } from './session/review-mode';
import { SessionHeader } from './session/session-header';
import { StageLayout } from './session/stage-layout';
import { nextSession, outcomes as outcomesSchema, type PlannedSession } from '../../../bot/src/features/sessions/routes/sessions.contract';
import type { Layout } from './session/timer-format';
import { useLive } from './session/use-live';
import { useNarrow } from './work-plan/use-narrow';

/** The session rarely changes while it runs (an agenda edit in chat): a slow poll is enough. */
const SESSION_POLL_MS = 15_000;
const OUTCOMES_POLL_MS = 4000;

/**
 * The session the meeting is about (the one running, else the next): the agenda with a shared
 * timer per item, the review of open action items, quick decisions and what the session has
 * produced so far. On the meeting stage: the agenda and the current item only, large and
 * read-only. In the 320 px side panel: one column.
 */
export default function SessionView() {
  const { api, host } = useSession();
  const next = useResource(() => api.get('sessions/next', nextSession), [api], SESSION_POLL_MS);
  if (next.error && next.data === undefined) return <ErrorBar error={next.error} onRetry={next.reload} />;
  if (next.data === undefined) return <Loading />;
  if (next.data === null) return <NoSession />;
  return host.frame === 'meetingStage' ? <OnStage session={next.data} /> : <Running session={next.data} />;
}

function NoSession() {
  const t = useT();
  const { me } = useSession();
  return (
    <MessageBar intent="info" role="status">
      <MessageBarBody>
        <MessageBarTitle>{t('sesNoneTitle')}</MessageBarTitle>
        {me.role === 'co-chair' ? t('sesNoneCoChair') : t('sesNoneMember')}
      </MessageBarBody>
    </MessageBar>
  );
}

/** The meeting stage follows the timer only: no outcomes to fetch, nothing to edit. */
function OnStage({ session }: { session: PlannedSession }) {
  const { api, host } = useSession();
  const live = useLive(api, session.id);
  if (live.error) return <ErrorBar error={live.error} />;
  return (
    <>
      <StageLayout session={session} live={live} locale={host.locale} />
      <SessionPolls sessionId={session.id} variant="stage" />
    </>
  );
}

function Running({ session }: { session: PlannedSession }) {
  const t = useT();
  const { api, host, me } = useSession();
  const narrow = useNarrow();
  const live = useLive(api, session.id);
  const outcomes = useResource(() => api.get(`sessions/${encodeURIComponent(session.id)}/outcomes`, outcomesSchema), [api, session.id], OUTCOMES_POLL_MS);
  const [mode, setMode] = useState<'agenda' | 'review'>('agenda');
  const layout: Layout = host.frame === 'sidePanel' || narrow ? 'panel' : 'content';
  const coChair = me.role === 'co-chair';

  if (live.error) return <ErrorBar error={live.error} />;

  // Said once, when the current item runs past its time (the clock itself ticks silently).
  const current = live.state ? session.agenda[live.state.current] : undefined;
  const overRun = current?.minutes && live.elapsed(live.state!.current) > current.minutes * 60_000 ? t('sesOverLive', { title: current.title }) : '';
  const agenda =
    session.agenda.length === 0 ? (
      <Empty text={t('sesNoAgenda')} />
    ) : (
      <section aria-labelledby="agenda-title" style={{ display: 'grid', gap: 8, minWidth: 0 }}>
        <Text id="agenda-title" as="h3" weight="semibold" size={400} style={{ margin: 0 }}>
          {t('sesAgenda')}
        </Text>
        {coChair && <TimerControls live={live} count={session.agenda.length} />}
        {live.notice && (
          <Text role="alert" style={{ color: 'var(--colorPaletteRedForeground1)' }}>
            {live.notice}
          </Text>
        )}
        {live.state ? <AgendaTimer agenda={session.agenda} live={live} canControl={coChair} layout={layout} /> : <Loading />}
      </section>
    );
  const side = (
    <div style={{ display: 'grid', gap: 16, alignContent: 'start', minWidth: 0 }}>
      {coChair && <QuickDecision sessionId={session.id} onRecorded={outcomes.reload} />}
      <OutcomesPanel outcomes={outcomes} />
      <SessionPolls sessionId={session.id} variant="panel" />
    </div>
  );

  return (
    <div style={{ display: 'grid', gap: 12, minWidth: 0 }}>
      <SessionHeader session={session} locale={host.locale} />
      <Polite text={overRun} />
      <TabList aria-label={t('sesModes')} selectedValue={mode} onTabSelect={(_e, d) => setMode(d.value === 'review' ? 'review' : 'agenda')} size="small" style={{ flexWrap: 'wrap' }}>
        <Tab value="agenda">{t('sesModeAgenda')}</Tab>
        <Tab value="review">{t('sesModeReview', { count: session.review.length })}</Tab>
      </TabList>
      <div style={layout === 'content' ? { display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(260px, 2fr)', gap: 24, alignItems: 'start' } : { display: 'grid', gap: 16, minWidth: 0 }}>
        {mode === 'agenda' ? agenda : <ReviewMode />}
        {side}
      </div>
    </div>
  );
}
