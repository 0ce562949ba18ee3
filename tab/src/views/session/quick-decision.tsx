import { Button, Field, Input, MessageBar, MessageBarBody, Subtitle2, useRestoreFocusTarget } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { ErrorBar } from '../../components/status';
import { useT } from '../../lib/i18n';
import { useRequestKey } from '../../lib/request-key';
import { useSession } from '../../lib/session';
import { recordedDecision, type RecordBody } from '../../../../bot/src/features/decisions/routes/decisions.contract';
import { ConfirmRecord } from '../decisions/confirm-record';

/**
 * A co-chair records a decision of this session without leaving it: title, Enter, text,
 * Enter, then confirms what will be written (Enter). Recording, numbering and the hash chain
 * are the register's (POST decisions).
 */
export function QuickDecision({ sessionId, onRecorded }: { sessionId: string; onRecorded(): void }) {
  const t = useT();
  const { api } = useSession();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const [notice, setNotice] = useState<string>();
  const requestKey = useRequestKey();
  const [confirming, setConfirming] = useState(false);
  const textRef = useRef<HTMLInputElement>(null);
  // Focus comes back to whichever of these opened the confirmation.
  const restoreTarget = useRestoreFocusTarget();
  const body = { title, text, sessionId } satisfies RecordBody;

  const submit = () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    api
      .create('decisions', recordedDecision, body, requestKey.keyFor(body))
      .then(
        ({ decision }) => {
          requestKey.done();
          setTitle('');
          setText('');
          setNotice(t('decRecorded', { ref: decision.ref }));
          onRecorded();
        },
        (e: Error) => setError(e),
      )
      .finally(() => {
        setConfirming(false);
        setBusy(false);
      });
  };

  return (
    <>
      <form
        aria-labelledby="quick-decision-title"
        onSubmit={(e) => {
          e.preventDefault();
          setConfirming(true);
        }}
        style={{ display: 'grid', gap: 6, minWidth: 0 }}
      >
        <Subtitle2 id="quick-decision-title" as="h3">
          {t('sesQuickTitle')}
        </Subtitle2>
        <Field label={t('decFieldTitle')} hint={t('sesQuickHint')}>
          <Input
            {...restoreTarget}
            value={title}
            disabled={busy}
            onChange={(_e, d) => setTitle(d.value)}
            onKeyDown={(e) => {
              // Enter moves on to the text; with the text already typed it records.
              if (e.key === 'Enter' && !text.trim()) {
                e.preventDefault();
                textRef.current?.focus();
              }
            }}
          />
        </Field>
        <Field label={t('decFieldText')}>
          <Input ref={textRef} {...restoreTarget} value={text} disabled={busy} onChange={(_e, d) => setText(d.value)} />
        </Field>
        <div>
          <Button type="submit" appearance="primary" disabled={busy} {...restoreTarget}>
            {t('decRecord')}
          </Button>
        </div>
        {error && <ErrorBar error={error} />}
        <div role="status">
          {notice && (
            <MessageBar intent="success">
              <MessageBarBody>{notice}</MessageBarBody>
            </MessageBar>
          )}
        </div>
      </form>
      {confirming && <ConfirmRecord draft={body} busy={busy} onConfirm={submit} onCancel={() => setConfirming(false)} />}
    </>
  );
}
