import { Button, Caption1, Field, Input, Textarea } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { ErrorBar } from '../../components/status';
import { useT } from '../../lib/i18n';
import { useRequestKey } from '../../lib/request-key';
import { useSession } from '../../lib/session';
import { recordedDecision, type RecordBody } from '../../../../bot/src/features/decisions/routes/decisions.contract';

/** Co-chairs record a decision in a few keystrokes: title, Enter, text, Enter. */
export function RecordForm({ onRecorded }: { onRecorded(ref: string): void }) {
  const t = useT();
  const { api } = useSession();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const requestKey = useRequestKey();
  const textRef = useRef<HTMLTextAreaElement>(null);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const body = { title, text } satisfies RecordBody;
      const { decision } = await api.create('decisions', recordedDecision, body, requestKey.keyFor(body));
      requestKey.done();
      setTitle('');
      setText('');
      onRecorded(decision.ref);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      aria-labelledby="record-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      style={{ display: 'grid', gap: 8 }}
    >
      <h3 id="record-title" style={{ margin: 0, fontSize: 'inherit' }}>
        {t('decRecordTitle')}
      </h3>
      {error && <ErrorBar error={error} />}
      <Field label={t('decFieldTitle')}>
        <Input
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
          value={text}
          onChange={(_e, d) => setText(d.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              void submit();
            }
          }}
        />
      </Field>
      <div>
        <Button type="submit" appearance="primary" disabled={busy}>
          {t('decRecord')}
        </Button>
      </div>
    </form>
  );
}

export function CoChairsOnly() {
  const t = useT();
  return <Caption1>{t('decCoChairsOnly')}</Caption1>;
}
