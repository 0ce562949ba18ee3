import { Caption1, Link, Subtitle1, Title1 } from '@fluentui/react-components';
import { formatDateTimeRange } from '../../../../bot/src/kernel/display-time';
import { useT } from '../../lib/i18n';
import type { PlannedSession } from '../../../../bot/src/features/sessions/routes/sessions.contract';

/** Title, when (in the zone it was planned in) and where; "in progress" once it has started. */
export function SessionHeader({ session, locale, large }: { session: PlannedSession; locale: string; large?: boolean }) {
  const t = useT();
  const started = Date.parse(session.startsAt) <= Date.now();
  const Heading = large ? Title1 : Subtitle1;
  return (
    <header style={{ display: 'grid', gap: 2, minWidth: 0 }}>
      <Caption1>{started ? t('sesInProgress') : t('sesUpcoming')}</Caption1>
      <Heading as="h2" style={{ overflowWrap: 'anywhere' }}>
        <bdi>{session.title}</bdi>
      </Heading>
      <Caption1 style={{ overflowWrap: 'anywhere' }}>
        {/* Isolated (<bdi>): a Latin place or a date inside Arabic would otherwise be reordered with its neighbours. */}
        <bdi>{formatDateTimeRange(new Date(session.startsAt), new Date(session.endsAt), session.timeZone, locale)}</bdi>
        {session.place && (
          <>
            {' · '}
            <bdi>{session.place}</bdi>
          </>
        )}
        {!large && session.onlineUrl && (
          <>
            {' · '}
            <Link href={session.onlineUrl} target="_blank" rel="noreferrer">
              {t('sesJoin')}
            </Link>
          </>
        )}
      </Caption1>
    </header>
  );
}
