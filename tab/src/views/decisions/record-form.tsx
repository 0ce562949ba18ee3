import { Button, Caption1, Field, Input, Textarea, useRestoreFocusTarget } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { ErrorBar } from '../../components/status';
import { useT } from '../../lib/i18n';
import { useRequestKey } from '../../lib/request-key';
import { useSession } from '../../lib/session';
import { recordedDecision, type RecordBody } from '../../../../bot/src/features/decisions/routes/decisions.contract';
import { ConfirmRecord } from './confirm-record';

/** A record that replaces another: an amendment of it or its revocation. */
export interface Supersede {
  ref: string;
  kind: 'amendment' | 'revocation';
}

/**
 * Co-chairs record a decision in a few keystrokes: title, Enter, text, Enter, then confirm
 * what will be written (Enter again). With `supersede`, the record amends or revokes another.
 */
export function RecordForm({ onRecorded, supersede, onPlain }: { onRecorded(ref: string): void; supersede?: Supersede; onPlain(): void }) {
  const t = useT();
  const { api } = useSession();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const requestKey = useRequestKey();
  const titleRef = useRef<HTMLInputElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  // Focus comes back here when the confirmation closes (to whichever of these opened it).
  const restoreTarget = useRestoreFocusTarget();
  const body: RecordBody = { title, text, ...(supersede ? { kind: supersede.kind, supersedes: supersede.ref } : {}) };

  // Choosing "Amend" or "Revoke" on a record brings the keyboard to the form that does it.
  useEffect(() => {
    if (supersede) titleRef.current?.focus();
  }, [supersede]);

  const record = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const { decision } = await api.create('decisions', recordedDecision, body, requestKey.keyFor(body));
      requestKey.done();
      setTitle('');
      setText('');
      onRecorded(decision.ref);
    } catch (err) {
      setError(err as Error);
    } finally {
      setConfirming(false);
      setBusy(false);
    }
  };

  return (
    <>
      <form
        aria-labelledby="record-title"
        onSubmit={(e) => {
          e.preventDefault();
          setConfirming(true);
        }}
        style={{ display: 'grid', gap: 8 }}
      >
        <h3 id="record-title" style={{ margin: 0, fontSize: 'inherit' }}>
          {supersede ? t(supersede.kind === 'amendment' ? 'decRecordAmendment' : 'decRecordRevocation', { ref: supersede.ref }) : t('decRecordTitle')}
        </h3>
        {supersede && (
          <div>
            <Button size="small" onClick={onPlain}>
              {t('decStopSupersede')}
            </Button>
          </div>
        )}
        {error && <ErrorBar error={error} />}
        <Field label={t('decFieldTitle')}>
          <Input
            ref={titleRef}
            {...restoreTarget}
            value={title}
            onChange={(_e, d) => setTitle(d.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                textRef.current?.focus();
              }
            }}
          />
        </Field>
        <Field label={t('decFieldText')} hint={t('decRecordHint')}>
          <Textarea
            ref={textRef}
            {...restoreTarget}
            value={text}
            onChange={(_e, d) => setText(d.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                setConfirming(true);
              }
            }}
          />
        </Field>
        <div>
          <Button type="submit" appearance="primary" disabled={busy} {...restoreTarget}>
            {t('decRecord')}
          </Button>
        </div>
      </form>
      {confirming && <ConfirmRecord draft={body} busy={busy} onConfirm={() => void record()} onCancel={() => setConfirming(false)} />}
    </>
  );
}

export function CoChairsOnly() {
  const t = useT();
  return <Caption1>{t('decCoChairsOnly')}</Caption1>;
}
