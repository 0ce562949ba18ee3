import { Button, Caption1 } from '@fluentui/react-components';
import { useState } from 'react';
import { ErrorBar } from '../../components/status';
import { useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { closedPoll, type PollSummary } from '../../../../bot/src/features/polls/routes/polls.contract';
import { coChairCanExport } from './poll-format';

/**
 * Co-chairs' actions on a poll: close it early (after a confirmation: it cannot be undone and
 * posts the results to the channel) and export its votes. Nothing is shown to members; the
 * server refuses them anyway.
 */
export function PollActions({ poll, onClosed, exportable = true }: { poll: PollSummary; onClosed(): void; exportable?: boolean }) {
  const t = useT();
  const { api, me } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  if (me.role !== 'co-chair') return null;

  const close = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.send('POST', `polls/${encodeURIComponent(poll.id)}/close`, closedPoll);
      setConfirming(false);
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
    <div style={{ display: 'grid', gap: 8 }}>
      {error && <ErrorBar error={error} />}
      {confirming ? (
        <div role="group" aria-label={t('pollClose')} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
          <Caption1>{t('pollCloseConfirm')}</Caption1>
          <Button appearance="primary" disabled={busy} onClick={() => void close()}>
            {t('pollCloseNow')}
          </Button>
          <Button disabled={busy} onClick={() => setConfirming(false)}>
            {t('pollCancel')}
          </Button>
        </div>
      ) : (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          {poll.open && <Button onClick={() => setConfirming(true)}>{t('pollClose')}</Button>}
          {exportable && coChairCanExport(poll) && <Button onClick={exportCsv}>{t('pollExport')}</Button>}
        </div>
      )}
    </div>
  );
}
