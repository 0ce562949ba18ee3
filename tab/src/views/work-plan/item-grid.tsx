import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { memo, useCallback, useRef } from 'react';
import { useT, type MessageKey } from '../../lib/i18n';
import { DueInput, EditActions, PriorityInput, ProgressInput, StatusInput } from './edit-fields';
import type { ItemSort as Sort, ListedItem as Item } from '../../../../bot/src/features/work-plan/routes/work-plan.contract';
import { priorityKey, statusKey } from './filters';
import type { ItemEdit } from './use-item-edit';
import { useRowFocus } from './use-row-focus';

/**
 * All action items as a table; the row being edited shows inputs in its cells.
 *
 * A native <table> styled with Fluent's tokens rather than Fluent's DataGrid: the DataGrid
 * gives every one of 3,000 cells its own focus-management hooks, and rendering 300 items took
 * as long again as loading them (bench/tab.bench.ts). Rows are memoised, so the refresh every
 * few seconds re-renders only rows whose item changed. Keyboard use follows the page's tab
 * order (sort buttons in the headers, then each row's Edit button), as a table's should.
 */

/** Columns the server can sort by (the table shows the server's order as is). */
const SORTABLE: Partial<Record<Column, Sort>> = { ref: 'ref', status: 'status', priority: 'priority', due: 'due' };
const COLUMNS = ['ref', 'title', 'owner', 'organisation', 'priority', 'status', 'progress', 'due', 'area', 'actions'] as const;
type Column = (typeof COLUMNS)[number];
const HEADERS: Record<Column, MessageKey> = {
  ref: 'wpRef',
  title: 'wpItemTitle',
  owner: 'wpOwner',
  organisation: 'wpOrganisation',
  priority: 'wpPriority',
  status: 'wpStatus',
  progress: 'wpProgress',
  due: 'wpDue',
  area: 'wpArea',
  actions: 'wpActions',
};
const WIDTH: Partial<Record<Column, string>> = { ref: '6%', title: '22%', owner: '12%', organisation: '10%', due: '9%', actions: '10%' };

const useStyles = makeStyles({
  table: { width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed', fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  th: {
    textAlign: 'start',
    fontWeight: tokens.fontWeightSemibold,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    verticalAlign: 'bottom',
    // A long word in a narrow column ("Avancement", "Ответственный") breaks, hyphenated where the language allows.
    overflowWrap: 'anywhere',
    hyphens: 'auto',
  },
  // The whole header cell is the button: a click anywhere on it sorts.
  sort: {
    width: '100%',
    minWidth: 0,
    padding: 0,
    fontWeight: tokens.fontWeightSemibold,
    justifyContent: 'flex-start',
    textAlign: 'start',
    whiteSpace: 'normal',
    overflowWrap: 'anywhere',
    hyphens: 'auto',
  },
  tr: { ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover } },
  td: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    overflowWrap: 'anywhere',
    verticalAlign: 'top',
  },
});

interface Props {
  items: Item[];
  edit: ItemEdit;
  canEdit(item: Item): boolean;
  sort: Sort;
  order: 'asc' | 'desc';
  onSort(sort: Sort, order: 'asc' | 'desc'): void;
}

export function ItemGrid({ items, edit, canEdit, sort, order, onSort }: Props) {
  const t = useT();
  const s = useStyles();
  const editing = edit.draft ? edit.ref : undefined;
  // One handler for every row across renders (edit.start is new each render), so memoised rows stay put.
  const start = useRef(edit.start);
  start.current = edit.start;
  const onEdit = useCallback((i: Item) => start.current(i), []);
  return (
    <table className={s.table} aria-label={t('wpTitle')}>
      <thead>
        <tr>
          {COLUMNS.map((c) => {
            const by = SORTABLE[c];
            const active = by === sort;
            return (
              <th key={c} scope="col" className={s.th} style={{ width: WIDTH[c] }} aria-sort={active ? (order === 'desc' ? 'descending' : 'ascending') : by ? 'none' : undefined}>
                {by ? (
                  <Button appearance="transparent" size="small" className={s.sort} onClick={() => onSort(by, active && order === 'asc' ? 'desc' : 'asc')}>
                    {t(HEADERS[c])}
                    {/* aria-sort on the header says it to screen readers. */}
                    {active && <span aria-hidden="true">&nbsp;{order === 'desc' ? '↓' : '↑'}</span>}
                  </Button>
                ) : (
                  t(HEADERS[c])
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <Row key={i.ref} item={i} editable={canEdit(i)} {...(editing === i.ref ? { edit } : {})} onEdit={onEdit} />
        ))}
      </tbody>
    </table>
  );
}

interface RowProps {
  item: Item;
  editable: boolean;
  /** Only the row being edited gets the edit state (so a keystroke re-renders that row alone). */
  edit?: ItemEdit;
  onEdit(item: Item): void;
}

const Row = memo(
  function Row({ item: i, editable, edit, onEdit }: RowProps) {
    const t = useT();
    const s = useStyles();
    const focus = useRowFocus<HTMLTableRowElement>(Boolean(edit));
    return (
      <tr
        ref={focus.row}
        className={s.tr}
        onKeyDown={(e) => {
          // Escape leaves the row's edit (nothing saved), as it closes a dialog.
          if (e.key === 'Escape' && edit && !edit.busy) edit.cancel();
        }}
      >
        {/* Typed by people, in any script: isolated so a Latin title keeps its order inside Arabic (and the reverse). */}
        <td className={s.td}>
          <bdi>{i.ref}</bdi>
        </td>
        <td className={s.td}>
          <bdi>{i.title}</bdi>
        </td>
        <td className={s.td}>{i.owner?.name ? <bdi>{i.owner.name}</bdi> : t('wpNoOwner')}</td>
        <td className={s.td}>{i.organisation && <bdi>{i.organisation}</bdi>}</td>
        <td className={s.td}>{edit ? <PriorityInput edit={edit} /> : t(priorityKey(i.priority))}</td>
        <td className={s.td}>{edit ? <StatusInput edit={edit} /> : t(statusKey(i.status))}</td>
        <td className={s.td}>{edit ? <ProgressInput edit={edit} /> : `${i.progress} %`}</td>
        <td className={s.td}>{edit ? <DueInput edit={edit} /> : (i.due ?? '')}</td>
        <td className={s.td}>{i.area && <bdi>{i.area}</bdi>}</td>
        <td className={s.td}>
          {edit ? (
            <EditActions edit={edit} />
          ) : editable ? (
            <Button ref={focus.editButton} size="small" aria-label={t('wpEditItem', { ref: i.ref })} onClick={() => onEdit(i)}>
              {t('wpEdit')}
            </Button>
          ) : null}
        </td>
      </tr>
    );
  },
  // The list is fetched anew every few seconds: a row re-renders when its item's version,
  // its edit state or the caller's right to edit it changed, not because the array is new.
  (a, b) => a.edit === b.edit && a.editable === b.editable && a.onEdit === b.onEdit && sameItem(a.item, b.item),
);

function sameItem(a: Item, b: Item): boolean {
  if (a === b) return true;
  if (a.etag && b.etag) return a.etag === b.etag && a.owner?.name === b.owner?.name;
  return a.updatedAt === b.updatedAt && a.owner?.name === b.owner?.name;
}
