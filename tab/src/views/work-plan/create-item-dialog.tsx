import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, Select, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import { useT } from '../../lib/i18n';
import { useRequestKey } from '../../lib/request-key';
import { useSession } from '../../lib/session';
import { ErrorBar } from '../../components/status';
import { itemWithEtag, type ItemPriority as Priority } from '../../../../bot/src/features/work-plan/routes/work-plan.contract';
import { PRIORITIES, priorityKey } from './filters';

interface Props {
  owners: { aadObjectId: string; name: string }[];
  onClose(created?: string): void;
}

/** A new action item (any member may create one; the server validates every field). */
export default function CreateItemDialog({ owners, onClose }: Props) {
  const t = useT();
  const { api } = useSession();
  const [f, setF] = useState({ title: '', description: '', ownerId: '', organisation: '', priority: 'medium' as Priority, due: '', area: '' });
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const requestKey = useRequestKey();
  const set = (patch: Partial<typeof f>) => setF((x) => ({ ...x, ...patch }));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== ''));
      const { item } = await api.create('items', itemWithEtag, body, requestKey.keyFor(body));
      requestKey.done();
      onClose(item.ref);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onOpenChange={(_e, d) => !d.open && onClose()}>
      <DialogSurface>
        <form onSubmit={(e) => void submit(e)}>
          <DialogBody>
            <DialogTitle>{t('wpNew')}</DialogTitle>
            <DialogContent style={{ display: 'grid', gap: 8 }}>
              {error && <ErrorBar error={error} />}
              <Field label={t('wpItemTitle')} required>
                <Input value={f.title} onChange={(_e, d) => set({ title: d.value })} autoFocus />
              </Field>
              <Field label={t('wpDescription')}>
                <Textarea value={f.description} onChange={(_e, d) => set({ description: d.value })} />
              </Field>
              <Field label={t('wpOwner')}>
                <Select value={f.ownerId} onChange={(_e, d) => set({ ownerId: d.value })}>
                  <option value="">{t('wpNoOwner')}</option>
                  {owners.map((o) => (
                    <option key={o.aadObjectId} value={o.aadObjectId}>
                      {o.name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t('wpOrganisation')}>
                <Input value={f.organisation} onChange={(_e, d) => set({ organisation: d.value })} />
              </Field>
              <Field label={t('wpPriority')}>
                <Select value={f.priority} onChange={(_e, d) => set({ priority: d.value as Priority })}>
                  {PRIORITIES.map((p) => (
                    <option key={p} value={p}>
                      {t(priorityKey(p))}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t('wpDue')}>
                <Input type="date" value={f.due} onChange={(_e, d) => set({ due: d.value })} />
              </Field>
              <Field label={t('wpArea')}>
                <Input value={f.area} onChange={(_e, d) => set({ area: d.value })} />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={busy}>
                {t('wpCreate')}
              </Button>
              <Button onClick={() => onClose()}>{t('wpCancel')}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
