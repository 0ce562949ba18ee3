import { Badge, Button, Caption1, Text } from '@fluentui/react-components';
import { useT } from '../../lib/i18n';
import type { AgendaItem } from '../../../../bot/src/features/sessions/routes/sessions.contract';
import { clock, type Layout } from './timer-format';
import type { Live } from './use-live';

/** One item's timer: elapsed against the allotted minutes; over-time in bold with a red badge that says by how much. */
export function ItemTimer({ item, elapsedMs, large }: { item: AgendaItem; elapsedMs: number; large?: boolean }) {
  const t = useT();
  const allotted = item.minutes ? item.minutes * 60_000 : undefined;
  const over = allotted !== undefined && elapsedMs > allotted;
  const text = allotted !== undefined ? t('sesElapsedOf', { elapsed: clock(elapsedMs), minutes: item.minutes! }) : clock(elapsedMs);
  return (
    <span
      style={{
        display: 'inline-flex',
        flexWrap: 'wrap',
        gap: 6,
        alignItems: 'center',
        fontVariantNumeric: 'tabular-nums',
        fontSize: large ? 'var(--fontSizeHero800)' : undefined,
        lineHeight: large ? 1.2 : undefined,
        ...(over ? { fontWeight: 'bold' } : {}),
      }}
    >
      <span>{text}</span>
      {over && (
        <Badge color="danger" size={large ? 'extra-large' : 'medium'}>
          {t('sesOver', { over: clock(elapsedMs - allotted) })}
        </Badge>
      )}
    </span>
  );
}

/**
 * Start/pause, previous/next and reset (a timer started by mistake) for co-chairs; the server
 * times every move. Unavailable buttons stay focusable (aria-disabled): the one just pressed
 * waits for the server without dropping the keyboard focus to the page.
 */
export function TimerControls({ live, count }: { live: Live; count: number }) {
  const t = useT();
  const s = live.state;
  if (!s) return null;
  const go = (i: number) => live.change({ currentItem: i, running: s.running });
  return (
    <div role="group" aria-label={t('sesControls')} style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
      <Button appearance="primary" disabledFocusable={live.busy} onClick={() => live.change({ currentItem: s.current, running: !s.running })}>
        {s.running ? t('sesPause') : t('sesStart')}
      </Button>
      <Button disabledFocusable={live.busy || s.current === 0} onClick={() => go(s.current - 1)}>
        {t('sesPrev')}
      </Button>
      <Button disabledFocusable={live.busy || s.current >= count - 1} onClick={() => go(s.current + 1)}>
        {t('sesNextItem')}
      </Button>
      <Button appearance="subtle" disabledFocusable={live.busy || live.elapsed(s.current) === 0} onClick={() => live.change({ currentItem: s.current, running: s.running, reset: true })}>
        {t('sesReset')}
      </Button>
    </div>
  );
}

/**
 * The agenda with a timer per item. The current item is marked (aria-current) and shows its
 * running time; the others show the time they took. Co-chairs may make any item current.
 */
export function AgendaTimer({ agenda, live, canControl, layout }: { agenda: AgendaItem[]; live: Live; canControl: boolean; layout: Layout }) {
  const t = useT();
  const s = live.state;
  const large = layout === 'stage';
  return (
    <ol aria-label={t('sesAgenda')} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: large ? 12 : 6 }}>
      {agenda.map((item, i) => {
        const current = s?.current === i;
        return (
          <li
            key={i}
            aria-current={current ? 'step' : undefined}
            style={{
              display: 'grid',
              gap: 2,
              minWidth: 0,
              padding: large ? '12px 16px' : '6px 8px',
              borderRadius: 6,
              // The marker sits where reading starts: on the right in Arabic.
              borderInlineStart: `4px solid ${current ? 'var(--colorBrandStroke1)' : 'transparent'}`,
              background: current ? 'var(--colorNeutralBackground1Selected)' : undefined,
              // High contrast selects in cyan: the text on it turns black.
              color: current ? 'var(--colorNeutralForeground1Selected)' : undefined,
            }}
          >
            <Text weight={current ? 'bold' : 'regular'} size={large ? (current ? 700 : 500) : 300} style={{ overflowWrap: 'anywhere' }}>
              {i + 1}. <bdi>{item.title}</bdi>
            </Text>
            <Caption1 style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', fontSize: large ? 'var(--fontSizeBase400)' : undefined }}>
              {item.presenter && <bdi style={{ overflowWrap: 'anywhere' }}>{item.presenter}</bdi>}
              <ItemTimer item={item} elapsedMs={live.elapsed(i)} />
              {current && <span>{s?.running ? t('sesRunning') : t('sesPaused')}</span>}
              {/* The current item keeps its button, unavailable, so the focus stays on the one just pressed. */}
              {canControl && (
                <Button
                  size="small"
                  appearance="subtle"
                  disabledFocusable={live.busy || current}
                  aria-label={t('sesGoTo', { title: item.title })}
                  onClick={() => live.change({ currentItem: i, running: s?.running ?? false })}
                >
                  {t('sesGoToShort')}
                </Button>
              )}
            </Caption1>
          </li>
        );
      })}
    </ol>
  );
}
