import { Button, Caption1, Text } from '@fluentui/react-components';
import { useT } from '../../lib/i18n';
import { DueInput, EditActions, PriorityInput, ProgressInput, StatusInput } from './edit-fields';
import type { ListedItem as Item } from '../../../../bot/src/features/work-plan/routes/work-plan.contract';
import { priorityKey, statusKey } from './filters';
import type { ItemEdit } from './use-item-edit';
import { useRowFocus } from './use-row-focus';

/** The compact layout for narrow frames (meeting side panel): one item per line, editable in place. */
export function ItemList({ items, edit, canEdit, label }: { items: Item[]; edit?: ItemEdit; canEdit(item: Item): boolean; label: string }) {
  return (
    <ul aria-label={label} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 6 }}>
      {items.map((i) => (
        <ListItem key={i.ref} item={i} {...(edit ? { edit } : {})} editable={canEdit(i)} />
      ))}
    </ul>
  );
}

function ListItem({ item: i, edit, editable }: { item: Item; edit?: ItemEdit; editable: boolean }) {
  const t = useT();
  const editing = Boolean(edit && edit.ref === i.ref && edit.draft);
  const focus = useRowFocus<HTMLLIElement>(editing);
  return (
    <li
      ref={focus.row}
      onKeyDown={(e) => {
        // Escape leaves the item's edit (nothing saved), as it closes a dialog.
        if (e.key === 'Escape' && editing && !edit!.busy) edit!.cancel();
      }}
      style={{ borderBottom: '1px solid var(--colorNeutralStroke2)', paddingBottom: 6, display: 'grid', gap: 2, minWidth: 0 }}
    >
      <Text weight="semibold" style={{ overflowWrap: 'anywhere' }}>
        <bdi>{i.ref}</bdi> · <bdi>{i.title}</bdi>
      </Text>
      <Caption1 style={{ overflowWrap: 'anywhere' }}>
        {[t(statusKey(i.status)), `${i.progress} %`, t(priorityKey(i.priority)), i.due ?? t('wpNoDue')].join(' · ')}
        {' · '}
        {i.owner?.name ? <bdi>{i.owner.name}</bdi> : t('wpNoOwner')}
        {i.organisation && (
          <>
            {' · '}
            <bdi>{i.organisation}</bdi>
          </>
        )}
      </Caption1>
      {editing && edit ? (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(120px, 1fr))', gap: 6 }}>
          <StatusInput edit={edit} />
          <PriorityInput edit={edit} />
          <ProgressInput edit={edit} />
          <DueInput edit={edit} />
          <EditActions edit={edit} />
        </div>
      ) : (
        edit &&
        editable && (
          <div>
            <Button ref={focus.editButton} size="small" aria-label={t('wpEditItem', { ref: i.ref })} onClick={() => edit.start(i)}>
              {t('wpEdit')}
            </Button>
          </div>
        )
      )}
    </li>
  );
}
