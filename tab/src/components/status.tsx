import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner } from '@fluentui/react-components';
import { useT } from '../lib/i18n';

export function Loading() {
  const t = useT();
  return <Spinner size="small" label={t('loading')} />;
}

/** A failure says what happened (the server's catalogued message) and offers to try again. */
export function ErrorBar({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const t = useT();
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{t('errorTitle')}</MessageBarTitle>
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
