import { Button, Field, Input, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useState } from 'react';
import { devUser, setDevUser } from '../lib/api';
import { useT } from '../lib/i18n';

/** Local development only: says so plainly, and lets the developer pick who to act as. */
export function DevIdentity({ onChange }: { onChange: () => void }) {
  const t = useT();
  const [value, setValue] = useState(devUser() ?? '');
  return (
    // A landmark of its own: it is outside the tab's <main>, and content outside landmarks is easily missed.
    <aside aria-label={t('devUserLabel')}>
      <MessageBar intent="warning" layout="multiline" style={{ marginBottom: 12 }}>
        <MessageBarBody>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'end' }}>
            <span>{t('devMode')}</span>
            <Field label={t('devUserLabel')} style={{ minWidth: 0, flex: '1 1 12rem' }}>
              <Input value={value} onChange={(_e, d) => setValue(d.value)} style={{ width: '100%', minWidth: 0 }} />
            </Field>
            <Button
              onClick={() => {
                setDevUser(value.trim());
                onChange();
              }}
            >
              {t('devUserApply')}
            </Button>
          </div>
        </MessageBarBody>
      </MessageBar>
    </aside>
  );
}
