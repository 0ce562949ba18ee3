import { Text } from '@fluentui/react-components';
import { useT } from '../../lib/i18n';
import { AgendaTimer, ItemTimer } from './agenda-timer';
import { SessionHeader } from './session-header';
import type { PlannedSession } from '../../../../bot/src/features/sessions/routes/sessions.contract';
import type { Live } from './use-live';

/**
 * What everyone sees when a co-chair shares the tab to the meeting stage: large type, the
 * current item and its timer, the agenda. Read-only for everyone, co-chairs included: the
 * controls live in the side panel.
 */
export function StageLayout({ session, live, locale }: { session: PlannedSession; live: Live; locale: string }) {
  const t = useT();
  const current = live.state ? session.agenda[live.state.current] : undefined;
  return (
    <div style={{ display: 'grid', gap: 24, maxWidth: 1400, margin: '0 auto' }}>
      <SessionHeader session={session} locale={locale} large />
      {current && live.state && (
        <section aria-labelledby="stage-current" style={{ display: 'grid', gap: 8, padding: 24, borderRadius: 8, background: 'var(--colorNeutralBackground3)' }}>
          <Text id="stage-current" as="h3" size={500} style={{ margin: 0 }}>
            {t('sesCurrent')} · {live.state.running ? t('sesRunning') : t('sesPaused')}
          </Text>
          <Text size={900} weight="bold" style={{ overflowWrap: 'anywhere', lineHeight: 1.2 }}>
            {live.state.current + 1}. {current.title}
          </Text>
          {current.presenter && <Text size={500}>{current.presenter}</Text>}
          <ItemTimer item={current} elapsedMs={live.elapsed(live.state.current)} large />
        </section>
      )}
      <AgendaTimer agenda={session.agenda} live={live} canControl={false} layout="stage" />
    </div>
  );
}
