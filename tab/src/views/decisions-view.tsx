import { MessageBar, MessageBarBody, Subtitle2 } from '@fluentui/react-components';
import { useState } from 'react';
import { useT } from '../lib/i18n';
import { useSession } from '../lib/session';
import { CheckpointButton } from './decisions/checkpoint-button';
import { DecisionDetail } from './decisions/decision-detail';
import { DecisionList } from './decisions/decision-list';
import { CoChairsOnly, RecordForm, type Supersede } from './decisions/record-form';
import { VerifyState } from './decisions/verify-state';

/** The decision register: search, detail, the chain's verification, and recording (co-chairs). */
export default function DecisionsView() {
  const t = useT();
  const { me } = useSession();
  const [open, setOpen] = useState<string>();
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string>();
  const [supersede, setSupersede] = useState<Supersede>();
  return (
    <section aria-labelledby="decisions-title" style={{ display: 'grid', gap: 12, minWidth: 0, maxWidth: 900 }}>
      <Subtitle2 id="decisions-title" as="h2">
        {t('decTitle')}
      </Subtitle2>
      <VerifyState version={version} />
      {me.role === 'co-chair' && <CheckpointButton />}
      {me.role === 'co-chair' ? (
        <RecordForm
          {...(supersede ? { supersede } : {})}
          onPlain={() => setSupersede(undefined)}
          onRecorded={(ref) => {
            setNotice(t('decRecorded', { ref }));
            setSupersede(undefined);
            setVersion((v) => v + 1);
          }}
        />
      ) : (
        <CoChairsOnly />
      )}
      <div role="status">
        {notice && (
          <MessageBar intent="success">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {open ? (
        <DecisionDetail
          refText={open}
          version={version}
          onOpen={setOpen}
          onBack={() => setOpen(undefined)}
          {...(me.role === 'co-chair' ? { onSupersede: (kind: Supersede['kind']) => setSupersede({ ref: open, kind }) } : {})}
        />
      ) : (
        <DecisionList onOpen={setOpen} version={version} />
      )}
    </section>
  );
}
