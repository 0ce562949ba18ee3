import { Button, Caption1, Text } from '@fluentui/react-components';
import { useT } from '../../lib/i18n';
import { DueInput, EditActions, PriorityInput, ProgressInput, StatusInput } from './edit-fields';
import type { ListedItem as Item } from '../../../../bot/src/features/work-plan/routes/work-plan.contract';
import { priorityKey, statusKey } from './filters';
import type { ItemEdit } from './use-item-edit';

/** The compact layout for narrow frames (meeting side panel): one item per line, editable in place. */
export function ItemList({ items, edit, canEdit, label }: { items: Item[]; edit?: ItemEdit; canEdit(item: Item): boolean; label: string }) {
  const t = useT();
  return (
    <ul aria-label={label} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 6 }}>
      {items.map((i) => (
        <li key={i.ref} style={{ borderBottom: '1px solid var(--colorNeutralStroke2)', paddingBottom: 6, display: 'grid', gap: 2, minWidth: 0 }}>
          <Text weight="semibold" style={{ overflowWrap: 'anywhere' }}>
            {i.ref} · {i.title}
          </Text>
          <Caption1 style={{ overflowWrap: 'anywhere' }}>
            {[t(statusKey(i.status)), `${i.progress} %`, t(priorityKey(i.priority)), i.due ?? t('wpNoDue'), i.owner?.name || t('wpNoOwner'), i.organisation].filter(Boolean).join(' · ')}
          </Caption1>
          {edit && edit.ref === i.ref && edit.draft ? (
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(120px, 1fr))', gap: 6 }}>
              <StatusInput edit={edit} />
              <PriorityInput edit={edit} />
              <ProgressInput edit={edit} />
              <DueInput edit={edit} />
              <EditActions edit={edit} />
            </div>
          ) : (
            edit &&
            canEdit(i) && (
              <div>
                <Button size="small" aria-label={t('wpEditItem', { ref: i.ref })} onClick={() => edit.start(i)}>
                  {t('wpEdit')}
                </Button>
              </div>
            )
          )}
        </li>
      ))}
    </ul>
  );
}
