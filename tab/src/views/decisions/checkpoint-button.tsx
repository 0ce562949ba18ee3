import { Button, Caption1 } from '@fluentui/react-components';
import { useState } from 'react';
import { ErrorBar } from '../../components/status';
import { useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';

/**
 * Co-chairs keep a checkpoint of the register outside the service (every record's position
 * and hash); `decisions:verify --checkpoint <file>` later shows whether storage still agrees.
 */
export function CheckpointButton() {
  const t = useT();
  const { api } = useSession();
  const [error, setError] = useState<Error>();
  const download = () => {
    setError(undefined);
    api.download('decisions/checkpoint', 'decisions-checkpoint.json').catch((e: Error) => setError(e));
  };
  return (
    <div style={{ display: 'grid', gap: 4 }}>
      {error && <ErrorBar error={error} />}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <Button onClick={download}>{t('decCheckpoint')}</Button>
        <Caption1>{t('decCheckpointHint')}</Caption1>
      </div>
    </div>
  );
}
