import { Button, MessageBar, MessageBarBody, Subtitle2, Text, useRestoreFocusTarget } from '@fluentui/react-components';
import { lazy, Suspense, useCallback, useMemo, useRef, useState } from 'react';
import { Empty, ErrorBar, Loading } from '../components/status';
import { useT } from '../lib/i18n';
import { useSession } from '../lib/session';
import { useResource } from '../lib/use-resource';
import { FilterBar } from './work-plan/filter-bar';
import { ItemGrid } from './work-plan/item-grid';
import { ItemList } from './work-plan/item-list';
import { StatusCounts } from './work-plan/status-counts';
import { itemsResponse, type ListedItem } from '../../../bot/src/features/work-plan/routes/work-plan.contract';
import { filtersFromAddress, joinItemPages, toQuery, type Filters } from './work-plan/filters';
import { useItemEdit } from './work-plan/use-item-edit';
import { useMembers } from './work-plan/use-members';
import { useNarrow } from './work-plan/use-narrow';

const CreateItemDialog = lazy(() => import('./work-plan/create-item-dialog'));

/** Every action item: filtered and sorted by the server, refreshed every few seconds, editable in place. */
export default function WorkPlanView() {
  const t = useT();
  const { api, me } = useSession();
  const narrow = useNarrow();
  const [filters, setFilters] = useState<Filters>(() => filtersFromAddress(location.search));
  const query = useMemo(() => toQuery(filters), [filters]);
  const list = useResource(() => api.getPages('items', itemsResponse, query).then(joinItemPages), [api, query], 4000);
  const items = list.data?.items;
  // The caller's own organisation comes with the list (members cannot read the settings).
  const myOrg = list.data?.me.organisation ?? undefined;
  const members = useMembers(api);
  const edit = useItemEdit(api, list.reload);
  const [creating, setCreating] = useState(false);
  // The dialog gives focus back to this button when it closes (it has no DialogTrigger).
  const restoreTarget = useRestoreFocusTarget();
  const [notice, setNotice] = useState<string>();
  const [failure, setFailure] = useState<Error>();
  // The server's rule, so the Edit button shows exactly where a save would be accepted:
  // co-chairs; the owner; for an item without owner, members of its organisation.
  const canEdit = useCallback((i: ListedItem) => me.role === 'co-chair' || (i.owner ? i.owner.aadObjectId === me.aadObjectId : Boolean(myOrg && i.organisation === myOrg)), [me, myOrg]);

  // Organisations offered by the filter: the members' and any seen on items (kept when filtered).
  const seen = useRef(new Set<string>());
  for (const m of members.data ?? []) if (m.organisation) seen.current.add(m.organisation);
  for (const i of items ?? []) if (i.organisation) seen.current.add(i.organisation);
  const organisations = [...seen.current].sort((a, b) => a.localeCompare(b));
  const owners = (members.data ?? []).map(({ aadObjectId, name }) => ({ aadObjectId, name })).sort((a, b) => a.name.localeCompare(b.name));

  const exportCsv = () => {
    setFailure(undefined);
    const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '')).toString();
    api.download(qs ? `items.csv?${qs}` : 'items.csv', 'action-items.csv').catch((e: Error) => setFailure(e));
  };

  const message = notice ?? edit.notice;
  return (
    <section aria-labelledby="work-plan-title" style={{ display: 'grid', gap: 12, minWidth: 0 }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        <Subtitle2 id="work-plan-title" as="h2" style={{ marginInlineEnd: 'auto' }}>
          {t('wpTitle')}
        </Subtitle2>
        <Button appearance="primary" {...restoreTarget} onClick={() => setCreating(true)}>
          {t('wpNew')}
        </Button>
        <Button onClick={exportCsv}>{t('wpExport')}</Button>
      </div>
      <FilterBar filters={filters} onChange={setFilters} organisations={organisations} owners={owners} {...(myOrg ? { myOrganisation: myOrg } : {})} />
      {items && <StatusCounts items={items} status={filters.status} onStatus={(status) => setFilters({ ...filters, status })} />}
      <div role="status">
        {message && (
          <MessageBar intent="success">
            <MessageBarBody>{message}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {failure && <ErrorBar error={failure} />}
      {list.error && <ErrorBar error={list.error} onRetry={list.reload} />}
      {!items ? (
        !list.error && <Loading />
      ) : items.length === 0 ? (
        <Empty text={t('wpEmpty')} />
      ) : (
        <>
          <Text size={200}>{t('wpShown', { count: items.length })}</Text>
          {narrow ? (
            <ItemList items={items} edit={edit} canEdit={canEdit} label={t('wpTitle')} />
          ) : (
            <ItemGrid items={items} edit={edit} canEdit={canEdit} sort={filters.sort} order={filters.order} onSort={(sort, order) => setFilters({ ...filters, sort, order })} />
          )}
        </>
      )}
      {creating && (
        <Suspense fallback={null}>
          <CreateItemDialog
            owners={owners}
            onClose={(ref) => {
              setCreating(false);
              if (ref) {
                setNotice(t('wpCreated', { ref }));
                list.reload();
              }
            }}
          />
        </Suspense>
      )}
    </section>
  );
}
