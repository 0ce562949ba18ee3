import { Button, Input, Select, Text } from '@fluentui/react-components';
import { useT } from '../../lib/i18n';
import type { ItemPriority as Priority, ItemStatus as Status } from '../../../../bot/src/features/work-plan/routes/work-plan.contract';
import { PRIORITIES, priorityKey, STATUSES, statusKey } from './filters';
import type { ItemEdit } from './use-item-edit';

/** The inputs of the row being edited; each names the item so a screen reader knows which. */
export function StatusInput({ edit }: { edit: ItemEdit }) {
  const t = useT();
  return (
    <Select aria-label={`${t('wpStatus')} ${edit.ref}`} value={edit.draft?.status} disabled={edit.busy} onChange={(_e, d) => edit.change({ status: d.value as Status })}>
      {STATUSES.map((s) => (
        <option key={s} value={s}>
          {t(statusKey(s))}
        </option>
      ))}
    </Select>
  );
}

export function PriorityInput({ edit }: { edit: ItemEdit }) {
  const t = useT();
  return (
    <Select aria-label={`${t('wpPriority')} ${edit.ref}`} value={edit.draft?.priority} disabled={edit.busy} onChange={(_e, d) => edit.change({ priority: d.value as Priority })}>
      {PRIORITIES.map((p) => (
        <option key={p} value={p}>
          {t(priorityKey(p))}
        </option>
      ))}
    </Select>
  );
}

export function ProgressInput({ edit }: { edit: ItemEdit }) {
  const t = useT();
  return (
    <Input
      type="number"
      min={0}
      max={100}
      step={5}
      aria-label={`${t('wpProgress')} ${edit.ref}`}
      value={edit.draft?.progress ?? ''}
      disabled={edit.busy}
      onChange={(_e, d) => edit.change({ progress: d.value })}
      style={{ width: '5.5rem', minWidth: 0 }}
    />
  );
}

export function DueInput({ edit }: { edit: ItemEdit }) {
  const t = useT();
  return <Input type="date" aria-label={`${t('wpDue')} ${edit.ref}`} value={edit.draft?.due ?? ''} disabled={edit.busy} onChange={(_e, d) => edit.change({ due: d.value })} style={{ minWidth: 0 }} />;
}

export function EditActions({ edit }: { edit: ItemEdit }) {
  const t = useT();
  return (
    <div style={{ display: 'grid', gap: 4 }}>
      <div style={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
        <Button size="small" appearance="primary" disabled={edit.busy} onClick={edit.save}>
          {t('wpSave')}
        </Button>
        <Button size="small" onClick={edit.cancel}>
          {t('wpCancel')}
        </Button>
      </div>
      {edit.error && (
        <Text role="alert" size={200} style={{ color: 'var(--colorPaletteRedForeground1)' }}>
          {edit.error}
        </Text>
      )}
    </div>
  );
}
