import {
  Button,
  createTableColumn,
  DataGrid,
  DataGridBody,
  DataGridCell,
  DataGridHeader,
  DataGridHeaderCell,
  DataGridRow,
  type TableColumnDefinition,
  type TableColumnId,
} from '@fluentui/react-components';
import { useMemo } from 'react';
import { useT } from '../../lib/i18n';
import { DueInput, EditActions, PriorityInput, ProgressInput, StatusInput } from './edit-fields';
import { priorityKey, statusKey, type Item, type Sort } from './types';
import type { ItemEdit } from './use-item-edit';

/** Columns the server can sort by (the grid shows the server's order as is). */
const SORTABLE: Record<string, Sort> = { ref: 'ref', status: 'status', priority: 'priority', due: 'due' };
const GROW: Record<string, number> = { ref: 0.6, title: 3, owner: 1.4, organisation: 1.2, actions: 1.4 };

interface Props {
  items: Item[];
  edit: ItemEdit;
  canEdit(item: Item): boolean;
  sort: Sort;
  order: 'asc' | 'desc';
  onSort(sort: Sort, order: 'asc' | 'desc'): void;
}

/** All action items as a grid; the row being edited shows inputs in its cells. */
export function ItemGrid({ items, edit, canEdit, sort, order, onSort }: Props) {
  const t = useT();
  const columns = useMemo<TableColumnDefinition<Item>[]>(() => {
    const editing = (i: Item) => edit.ref === i.ref && edit.draft;
    // A compare marks a column sortable; this one keeps the server's order (the grid negates
    // it for a descending sort, so it is pre-negated here).
    const position = new Map(items.map((i, n) => [i.ref, n]));
    const serverOrder = (a: Item, b: Item) => ((position.get(a.ref) ?? 0) - (position.get(b.ref) ?? 0)) * (order === 'desc' ? -1 : 1);
    const cols = [
      createTableColumn<Item>({ columnId: 'ref', renderHeaderCell: () => t('wpRef'), renderCell: (i) => i.ref }),
      createTableColumn<Item>({ columnId: 'title', renderHeaderCell: () => t('wpItemTitle'), renderCell: (i) => i.title }),
      createTableColumn<Item>({ columnId: 'owner', renderHeaderCell: () => t('wpOwner'), renderCell: (i) => i.owner?.name || t('wpNoOwner') }),
      createTableColumn<Item>({ columnId: 'organisation', renderHeaderCell: () => t('wpOrganisation'), renderCell: (i) => i.organisation ?? '' }),
      createTableColumn<Item>({ columnId: 'priority', renderHeaderCell: () => t('wpPriority'), renderCell: (i) => (editing(i) ? <PriorityInput edit={edit} /> : t(priorityKey(i.priority))) }),
      createTableColumn<Item>({ columnId: 'status', renderHeaderCell: () => t('wpStatus'), renderCell: (i) => (editing(i) ? <StatusInput edit={edit} /> : t(statusKey(i.status))) }),
      createTableColumn<Item>({ columnId: 'progress', renderHeaderCell: () => t('wpProgress'), renderCell: (i) => (editing(i) ? <ProgressInput edit={edit} /> : `${i.progress} %`) }),
      createTableColumn<Item>({ columnId: 'due', renderHeaderCell: () => t('wpDue'), renderCell: (i) => (editing(i) ? <DueInput edit={edit} /> : (i.due ?? '')) }),
      createTableColumn<Item>({ columnId: 'area', renderHeaderCell: () => t('wpArea'), renderCell: (i) => i.area ?? '' }),
      createTableColumn<Item>({
        columnId: 'actions',
        renderHeaderCell: () => t('wpActions'),
        renderCell: (i) =>
          editing(i) ? (
            <EditActions edit={edit} />
          ) : canEdit(i) ? (
            <Button size="small" aria-label={t('wpEditItem', { ref: i.ref })} onClick={() => edit.start(i)}>
              {t('wpEdit')}
            </Button>
          ) : null,
      }),
    ];
    return cols.map((c) => (SORTABLE[String(c.columnId)] ? { ...c, compare: serverOrder } : c));
  }, [t, edit, canEdit, items, order]);

  const sortColumn = Object.keys(SORTABLE).find((k) => SORTABLE[k] === sort);
  return (
    <DataGrid
      items={items}
      columns={columns}
      getRowId={(i: Item) => i.ref}
      focusMode="composite"
      sortable
      sortState={{ sortColumn: sortColumn as TableColumnId, sortDirection: order === 'desc' ? 'descending' : 'ascending' }}
      onSortChange={(_e, s) => {
        const next = SORTABLE[String(s.sortColumn)];
        if (next) onSort(next, s.sortDirection === 'descending' ? 'desc' : 'asc');
      }}
      aria-label={t('wpTitle')}
      size="small"
    >
      <DataGridHeader>
        <DataGridRow>
          {({ renderHeaderCell, columnId }) => (
            <DataGridHeaderCell style={{ flexGrow: GROW[String(columnId)] ?? 1 }}>
              {renderHeaderCell()}
            </DataGridHeaderCell>
          )}
        </DataGridRow>
      </DataGridHeader>
      <DataGridBody<Item>>
        {({ item, rowId }) => (
          <DataGridRow<Item> key={rowId}>
            {({ renderCell, columnId }) => <DataGridCell style={{ flexGrow: GROW[String(columnId)] ?? 1, minWidth: 0, overflowWrap: 'anywhere' }}>{renderCell(item)}</DataGridCell>}
          </DataGridRow>
        )}
      </DataGridBody>
    </DataGrid>
  );
}
