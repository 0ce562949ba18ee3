import { Button, Caption1, Card, CardHeader, Dropdown, Option, Subtitle2, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { Empty, ErrorBar, Loading } from '../../components/status';
import { useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useResource } from '../../lib/use-resource';
import { coChairs, type CoChairBody } from '../../../../bot/src/features/core/routes/core.contract';

/** Who the co-chairs are: co-chairs add and remove them; others see the list, read-only. */
export function CoChairs() {
  const t = useT();
  const { api, me } = useSession();
  const res = useResource(() => api.get('cochairs', coChairs), [api]);
  const [error, setError] = useState<Error>();
  const [pick, setPick] = useState<string>();
  const canManage = me.role === 'co-chair';

  const change = async (aadObjectId: string, coChair: boolean) => {
    setError(undefined);
    try {
      await api.send('PUT', `cochairs/${encodeURIComponent(aadObjectId)}`, coChairs, { coChair } satisfies CoChairBody);
      setPick(undefined);
      res.reload();
    } catch (err) {
      setError(err as Error);
    }
  };

  if (res.error) return <ErrorBar error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading />;
  const chairs = new Set(res.data.coChairs.map((c) => c.aadObjectId));
  const candidates = res.data.members.filter((m) => !chairs.has(m.aadObjectId));
  return (
    <section aria-labelledby="cochairs-title" style={{ display: 'grid', gap: 12, maxWidth: 640 }}>
      <Subtitle2 id="cochairs-title" as="h2">
        {t('coChairsTitle')}
      </Subtitle2>
      {error && <ErrorBar error={error} />}
      {res.data.coChairs.length === 0 && <Empty text={t('coChairsEmpty')} />}
      {res.data.coChairs.map((c) => (
        <Card key={c.aadObjectId} size="small">
          <CardHeader
            header={<Text weight="semibold">{c.name}</Text>}
            description={c.configured ? <Caption1>{t('coChairConfigured')}</Caption1> : undefined}
            action={canManage && !c.configured ? <Button onClick={() => void change(c.aadObjectId, false)}>{t('coChairRemove')}</Button> : undefined}
          />
        </Card>
      ))}
      {canManage ? (
        candidates.length > 0 && (
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <Dropdown aria-label={t('coChairPick')} placeholder={t('coChairPick')} onOptionSelect={(_e, d) => setPick(d.optionValue)} style={{ minWidth: 220 }}>
              {candidates.map((m) => (
                <Option key={m.aadObjectId} value={m.aadObjectId} text={m.name}>
                  {m.name}
                </Option>
              ))}
            </Dropdown>
            <Button appearance="primary" disabled={!pick} onClick={() => pick && void change(pick, true)}>
              {t('coChairAdd')}
            </Button>
          </div>
        )
      ) : (
        <Caption1>{t('coChairOnly')}</Caption1>
      )}
    </section>
  );
}
