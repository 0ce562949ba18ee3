import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useResource } from '../../lib/use-resource';
import { ErrorBar } from '../../components/status';
import { verification } from '../../../../bot/src/features/decisions/routes/decisions.contract';

/** The chain's state, checked by the server: intact, or the first record that does not check out. */
export function VerifyState({ version }: { version: number }) {
  const t = useT();
  const { api } = useSession();
  const res = useResource(() => api.get('decisions/verify', verification), [api, version], 15_000);
  if (res.error) return <ErrorBar error={res.error} onRetry={res.reload} />;
  if (!res.data)
    return (
      <MessageBar intent="info">
        <MessageBarBody>{t('decVerifying')}</MessageBarBody>
      </MessageBar>
    );
  const v = res.data;
  return (
    <MessageBar intent={v.ok ? 'success' : 'error'} layout="multiline" data-testid="chain-state">
      <MessageBarBody>
        <MessageBarTitle>{v.ok ? t('decVerifyIntact') : t('decVerifyBroken')}</MessageBarTitle>
        <span style={{ overflowWrap: 'anywhere' }}>{v.message.result}</span>
        {v.message.detail && <div>{v.message.detail}</div>}
      </MessageBarBody>
    </MessageBar>
  );
}
