import { Caption1, Subtitle2 } from '@fluentui/react-components';
import { Empty, ErrorBar, Loading } from '../components/status';
import { useT } from '../lib/i18n';
import { useSession } from '../lib/session';
import { useResource } from '../lib/use-resource';
import { ItemList } from './work-plan/item-list';
import { itemsResponse } from '../../../bot/src/features/work-plan/routes/work-plan.contract';
import { joinItemPages } from './work-plan/filters';
import { useItemEdit } from './work-plan/use-item-edit';
import { useMembers } from './work-plan/use-members';

/** The personal tab: the caller's open items, then the other open items of their organisation. */
export default function MyItemsView() {
  const t = useT();
  const { api, me } = useSession();
  const members = useMembers(api);
  // The caller's organisation as co-chairs recorded it comes with the list (for members too);
  // the organisation on their profile is the fallback.
  const listed = useResource(() => api.getPages('items', itemsResponse, { owner: me.aadObjectId, open: 'true' }).then(joinItemPages), [api, me.aadObjectId], 4000);
  const mine = { ...listed, data: listed.data?.items };
  const org = listed.data?.me.organisation || members.data?.find((m) => m.aadObjectId === me.aadObjectId)?.organisation || '';
  const ours = useResource(
    () => (org ? api.getPages('items', itemsResponse, { org, open: 'true' }).then((pages) => joinItemPages(pages).items.filter((i) => i.owner?.aadObjectId !== me.aadObjectId)) : Promise.resolve([])),
    [api, org, me.aadObjectId],
    4000,
  );
  const edit = useItemEdit(api, mine.reload);
  const readOnly = () => false;
  const owned = () => true;
  const error = mine.error ?? ours.error ?? members.error;
  return (
    <div style={{ display: 'grid', gap: 16, minWidth: 0 }}>
      <div role="status">{edit.notice && <Caption1>{edit.notice}</Caption1>}</div>
      {error && <ErrorBar error={error} onRetry={() => [mine, ours, members].forEach((r) => r.reload())} />}
      <section aria-labelledby="my-items-title" style={{ display: 'grid', gap: 8 }}>
        <Subtitle2 id="my-items-title" as="h2">
          {t('myTitle')}
        </Subtitle2>
        {!mine.data ? !mine.error && <Loading /> : mine.data.length === 0 ? <Empty text={t('myEmpty')} /> : <ItemList items={mine.data} edit={edit} canEdit={owned} label={t('myTitle')} />}
      </section>
      {members.data && !org && <Caption1>{t('myNoOrg')}</Caption1>}
      {org && (
        <section aria-labelledby="my-org-title" style={{ display: 'grid', gap: 8 }}>
          <Subtitle2 id="my-org-title" as="h2">
            {t('myOrgTitle', { org })}
          </Subtitle2>
          {!ours.data ? !ours.error && <Loading /> : ours.data.length === 0 ? <Empty text={t('myOrgEmpty')} /> : <ItemList items={ours.data} canEdit={readOnly} label={t('myOrgTitle', { org })} />}
        </section>
      )}
    </div>
  );
}
