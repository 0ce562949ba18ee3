import { Body1, Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Text } from '@fluentui/react-components';
import { useT } from '../../lib/i18n';
import type { RecordBody } from '../../../../bot/src/features/decisions/routes/decisions.contract';
import { kindKey } from './labels';

interface Props {
  draft: RecordBody;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * What will be written to the register, shown before it is (WCAG 3.3.4): a record is never
 * edited afterwards, only amended or revoked. The confirm button comes first, so Enter, Enter,
 * Enter records from the keyboard; Escape goes back to the form with everything kept. Focus
 * returns to the control that opened it through Fluent's restore-focus targets on the form.
 */
export function ConfirmRecord({ draft, busy, onConfirm, onCancel }: Props) {
  const t = useT();
  const kind = draft.kind ?? 'decision';
  return (
    <Dialog open onOpenChange={(_e, d) => !d.open && !busy && onCancel()}>
      <DialogSurface aria-describedby="confirm-record-note">
        <DialogBody>
          <DialogTitle>{t('decConfirmTitle')}</DialogTitle>
          <DialogContent style={{ display: 'grid', gap: 8 }}>
            <Body1 id="confirm-record-note">{t('decConfirmNote')}</Body1>
            <dl style={{ margin: 0, display: 'grid', gap: 4 }}>
              <Term>{t('decConfirmKind')}</Term>
              <dd style={{ margin: 0 }}>
                {t(kindKey(kind))}
                {draft.supersedes && (
                  <>
                    {' · '}
                    {t(kind === 'revocation' ? 'decKind_revocation' : 'decSupersedes')}
                    {t('labelSep')}
                    <bdi>{draft.supersedes}</bdi>
                  </>
                )}
              </dd>
              <Term>{t('decFieldTitle')}</Term>
              <dd dir="auto" style={{ margin: 0, overflowWrap: 'anywhere' }}>
                {draft.title}
              </dd>
              <Term>{t('decFieldText')}</Term>
              <dd dir="auto" style={{ margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {draft.text}
              </dd>
            </dl>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabledFocusable={busy} onClick={onConfirm}>
              {t('decConfirm')}
            </Button>
            <Button disabled={busy} onClick={onCancel}>
              {t('decConfirmBack')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

function Term({ children }: { children: React.ReactNode }) {
  return (
    <dt>
      <Text weight="semibold">{children}</Text>
    </dt>
  );
}
