import { Badge, Button, Caption1, Input, Link, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { Empty, ErrorBar, Loading } from '../../components/status';
import { useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useResource } from '../../lib/use-resource';
import { decisionPage, type DecisionsQuery } from '../../../../bot/src/features/decisions/routes/decisions.contract';
import { statusKey } from './labels';

/** The register, newest first, searched by the server (words or a year), ten at a time. */
export function DecisionList({ onOpen, version }: { onOpen(ref: string): void; version: number }) {
  const t = useT();
  const { api } = useSession();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(0);
  useEffect(() => {
    const timer = setTimeout(() => {
      setQ(typed.trim());
      setPage(0);
    }, 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const res = useResource(() => api.get('decisions', decisionPage, { q, page: String(page) } satisfies DecisionsQuery), [api, q, page, version], 4000);

  return (
    <div style={{ display: 'grid', gap: 8, minWidth: 0 }}>
      <Input type="search" aria-label={t('decSearch')} placeholder={t('decSearchHint')} value={typed} onChange={(_e, d) => setTyped(d.value)} style={{ minWidth: 0 }} />
      {res.error && <ErrorBar error={res.error} onRetry={res.reload} />}
      {!res.data ? (
        !res.error && <Loading />
      ) : res.data.items.length === 0 ? (
        <Empty text={t('decEmpty')} />
      ) : (
        <>
          <ul aria-label={t('decTitle')} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 6 }}>
            {res.data.items.map((d) => (
              <li key={d.ref} style={{ borderBottom: '1px solid var(--colorNeutralStroke2)', paddingBottom: 6, display: 'grid', gap: 2 }}>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
                  <Link as="button" aria-label={t('decOpen', { ref: d.ref })} onClick={() => onOpen(d.ref)}>
                    <bdi>{d.ref}</bdi>
                  </Link>
                  <Badge appearance="tint" color={d.status === 'in-force' ? 'success' : d.status === 'revoked' ? 'danger' : 'warning'}>
                    {t(statusKey(d.status))}
                  </Badge>
                  <Caption1>{d.decidedAt}</Caption1>
                </div>
                <Text style={{ overflowWrap: 'anywhere' }}>
                  <bdi>{d.title}</bdi>
                </Text>
              </li>
            ))}
          </ul>
          <nav aria-label={t('decPage', { page: res.data.page + 1, pages: res.data.pages, count: res.data.total })} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
            <Button size="small" disabled={res.data.page === 0} onClick={() => setPage(res.data!.page - 1)}>
              {t('decPrev')}
            </Button>
            <Caption1>{t('decPage', { page: res.data.page + 1, pages: res.data.pages, count: res.data.total })}</Caption1>
            <Button size="small" disabled={res.data.page >= res.data.pages - 1} onClick={() => setPage(res.data!.page + 1)}>
              {t('decNext')}
            </Button>
          </nav>
        </>
      )}
    </div>
  );
}
