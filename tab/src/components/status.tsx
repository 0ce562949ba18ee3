import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner } from '@fluentui/react-components';
import { useT } from '../lib/i18n';

export function Loading() {
  const t = useT();
  return <Spinner size="small" label={t('loading')} />;
}

/** Answers that describe a situation to fix (not installed, not a member), not a failure. */
const SITUATIONS = new Set(['group-unknown', 'group-inactive', 'group-ambiguous', 'not-a-member']);

/**
 * A failure says what happened (the server's catalogued message) and offers to try again.
 * A situation the user can act on (Quorum not installed in their team yet) is shown as
 * information, not as an error.
 */
export function ErrorBar({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const t = useT();
  const situation = SITUATIONS.has((error as { code?: string }).code ?? '');
  return (
    <MessageBar intent={situation ? 'info' : 'error'} role={situation ? 'status' : 'alert'}>
      <MessageBarBody>
        <MessageBarTitle>{t(situation ? 'notReadyTitle' : 'errorTitle')}</MessageBarTitle>
        {error.message}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>{t('retry')}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

export function Empty({ text }: { text: string }) {
  return <p style={{ opacity: 0.8 }}>{text}</p>;
}
