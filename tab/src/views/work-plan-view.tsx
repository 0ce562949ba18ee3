import { Button, MessageBar, MessageBarBody, Subtitle2, Text } from '@fluentui/react-components';
import { lazy, Suspense, useCallback, useMemo, useRef, useState } from 'react';
import { Empty, ErrorBar, Loading } from '../components/status';
import { useT } from '../lib/i18n';
import { useSession } from '../lib/session';
import { useResource } from '../lib/use-resource';
import { FilterBar } from './work-plan/filter-bar';
import { ItemGrid } from './work-plan/item-grid';
import { ItemList } from './work-plan/item-list';
import { StatusCounts } from './work-plan/status-counts';
import { NO_FILTERS, toQuery, type Filters, type Item } from './work-plan/types';
import { useItemEdit } from './work-plan/use-item-edit';
import { useMembers } from './work-plan/use-members';
import { useNarrow } from './work-plan/use-narrow';

const CreateItemDialog = lazy(() => import('./work-plan/create-item-dialog'));

/** Every action item: filtered and sorted by the server, refreshed every few seconds, editable in place. */
export default function WorkPlanView() {
  const t = useT();
  const { api, me } = useSession();
  const narrow = useNarrow();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const query = useMemo(() => toQuery(filters), [filters]);
  const res = useResource(() => api.get<{ items: Item[] }>('items', query).then((r) => r.items), [api, query], 4000);
  const members = useMembers(api);
  const edit = useItemEdit(api, res.reload);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [failure, setFailure] = useState<Error>();
  const canEdit = useCallback((i: Item) => me.role === 'co-chair' || i.owner?.aadObjectId === me.aadObjectId, [me]);

  // Organisations offered by the filter: the members' and any seen on items (kept when filtered).
  const seen = useRef(new Set<string>());
  for (const m of members.data ?? []) if (m.organisation) seen.current.add(m.organisation);
  for (const i of res.data ?? []) if (i.organisation) seen.current.add(i.organisation);
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
        <Subtitle2 id="work-plan-title" as="h2" style={{ marginRight: 'auto' }}>
          {t('wpTitle')}
        </Subtitle2>
        <Button appearance="primary" onClick={() => setCreating(true)}>
          {t('wpNew')}
        </Button>
        <Button onClick={exportCsv}>{t('wpExport')}</Button>
      </div>
      <FilterBar filters={filters} onChange={setFilters} organisations={organisations} owners={owners} />
      {res.data && <StatusCounts items={res.data} status={filters.status} onStatus={(status) => setFilters({ ...filters, status })} />}
      <div role="status">{message && <MessageBar intent="success"><MessageBarBody>{message}</MessageBarBody></MessageBar>}</div>
      {failure && <ErrorBar error={failure} />}
      {res.error && <ErrorBar error={res.error} onRetry={res.reload} />}
      {!res.data ? (
        !res.error && <Loading />
      ) : res.data.length === 0 ? (
        <Empty text={t('wpEmpty')} />
      ) : (
        <>
          <Text size={200}>{t('wpShown', { count: res.data.length })}</Text>
          {narrow ? (
            <ItemList items={res.data} edit={edit} canEdit={canEdit} label={t('wpTitle')} />
          ) : (
            <ItemGrid items={res.data} edit={edit} canEdit={canEdit} sort={filters.sort} order={filters.order} onSort={(sort, order) => setFilters({ ...filters, sort, order })} />
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
                res.reload();
              }
            }}
          />
        </Suspense>
      )}
    </section>
  );
}
