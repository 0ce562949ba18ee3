import { Button, Caption1 } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { ErrorBar } from '../../components/status';
import { useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { closedPoll, type PollSummary } from '../../../../bot/src/features/polls/routes/polls.contract';
import { coChairCanExport } from './poll-format';

/**
 * Co-chairs' actions on a poll: close it early (after a confirmation: it cannot be undone and
 * posts the results to the channel) and export its votes. Nothing is shown to members; the
 * server refuses them anyway. The keyboard follows the confirmation: into it when it opens,
 * back to "Close poll" when cancelled (or Escape), onto what remains once the poll is closed.
 */
export function PollActions({ poll, onClosed, exportable = true }: { poll: PollSummary; onClosed(): void; exportable?: boolean }) {
  const t = useT();
  const { api, me } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const [focusTo, setFocusTo] = useState<'confirm' | 'close' | 'after'>();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const afterRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!focusTo) return;
    (focusTo === 'confirm' ? confirmRef : focusTo === 'close' ? closeRef : afterRef).current?.focus();
    setFocusTo(undefined);
  }, [focusTo]);
  if (me.role !== 'co-chair') return null;
  const ask = (on: boolean) => {
    setConfirming(on);
    setFocusTo(on ? 'confirm' : 'close');
  };

  const close = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.send('POST', `polls/${encodeURIComponent(poll.id)}/close`, closedPoll);
      setConfirming(false);
      setFocusTo('after');
      onClosed();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  const exportCsv = () => {
    setError(undefined);
    api.download(`polls/${encodeURIComponent(poll.id)}/csv`, `poll-${poll.id}.csv`).catch((e: Error) => setError(e));
  };

  return (
    <div ref={afterRef} tabIndex={-1} aria-label={t('pollActions')} role="group" style={{ display: 'grid', gap: 8 }}>
      {error && <ErrorBar error={error} />}
      {confirming ? (
        <div
          role="group"
          aria-label={t('pollClose')}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !busy) ask(false);
          }}
          style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}
        >
          <Caption1>{t('pollCloseConfirm')}</Caption1>
          <Button ref={confirmRef} appearance="primary" disabled={busy} onClick={() => void close()}>
            {t('pollCloseNow')}
          </Button>
          <Button disabled={busy} onClick={() => ask(false)}>
            {t('pollCancel')}
          </Button>
        </div>
      ) : (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          {poll.open && (
            <Button ref={closeRef} onClick={() => ask(true)}>
              {t('pollClose')}
            </Button>
          )}
          {exportable && coChairCanExport(poll) && <Button onClick={exportCsv}>{t('pollExport')}</Button>}
        </div>
      )}
    </div>
  );
}
