import { Badge, Body1, Button, Caption1, Link, Subtitle2, Text } from '@fluentui/react-components';
import { ErrorBar, Loading } from '../../components/status';
import { formatDateTime } from '../../../../bot/src/kernel/display-time';
import { useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useResource } from '../../lib/use-resource';
import { decisionDetail } from '../../../../bot/src/features/decisions/routes/decisions.contract';
import { kindKey, statusKey } from './labels';

/** One record: its text, its derived status and the records it links to or is replaced by. */
export function DecisionDetail({
  refText,
  version,
  onOpen,
  onBack,
  onSupersede,
}: {
  refText: string;
  version: number;
  onOpen(ref: string): void;
  onBack(): void;
  onSupersede?(kind: 'amendment' | 'revocation'): void;
}) {
  const t = useT();
  const { api, host, me } = useSession();
  const res = useResource(() => api.get(`decisions/${encodeURIComponent(refText)}`, decisionDetail), [api, refText, version], 4000);
  const back = (
    <div>
      <Button size="small" onClick={onBack}>
        {t('decBack')}
      </Button>
    </div>
  );
  if (res.error)
    return (
      <div style={{ display: 'grid', gap: 8 }}>
        {back}
        <ErrorBar error={res.error} onRetry={res.reload} />
      </div>
    );
  if (!res.data) return <Loading />;
  const d = res.data;
  const link = (ref: string) => (
    <Link as="button" onClick={() => onOpen(ref)}>
      <bdi>{ref}</bdi>
    </Link>
  );
  return (
    <article aria-labelledby="decision-title" style={{ display: 'grid', gap: 8, minWidth: 0 }}>
      {back}
      <Subtitle2 id="decision-title" as="h3" style={{ overflowWrap: 'anywhere' }}>
        {/* Isolated: a Latin reference or title inside Arabic (or the reverse) keeps its own order. */}
        <bdi>{d.ref}</bdi> · <bdi>{d.title}</bdi>
      </Subtitle2>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
        <Badge appearance="outline">{t(kindKey(d.kind))}</Badge>
        <Badge appearance="tint" color={d.status === 'in-force' ? 'success' : d.status === 'revoked' ? 'danger' : 'warning'}>
          {t(statusKey(d.status))}
        </Badge>
        {d.by && (
          <Caption1>
            {t('decSupersededBy')}
            {t('labelSep')}
            {link(d.by)}
          </Caption1>
        )}
        {d.supersedes && (
          <Caption1>
            {t(d.kind === 'revocation' ? 'decKind_revocation' : 'decSupersedes')}
            {t('labelSep')}
            {link(d.supersedes)}
          </Caption1>
        )}
      </div>
      {onSupersede && d.status === 'in-force' && d.kind !== 'revocation' && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
          <Button size="small" onClick={() => onSupersede('amendment')}>
            {t('decAmend')}
          </Button>
          <Button size="small" onClick={() => onSupersede('revocation')}>
            {t('decRevoke')}
          </Button>
        </div>
      )}
      <Body1 dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {d.text}
      </Body1>
      {d.rationale && (
        <div>
          <Text weight="semibold">{t('decRationale')}</Text>
          <Body1 as="p" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 }}>
            {d.rationale}
          </Body1>
        </div>
      )}
      <Caption1>{t('decDecidedOn', { date: d.decidedAt })}</Caption1>
      <Caption1>{t('decRecordedBy', { name: d.recordedByName ?? '—', at: formatDateTime(new Date(d.recordedAt), me.group.timeZone, host.locale) })}</Caption1>
      {(d.sessionId || d.pollId || d.actionItemIds.length > 0) && (
        <Caption1 style={{ overflowWrap: 'anywhere' }}>
          {t('decLinks')}
          {t('labelSep')}
          {[
            d.sessionId && ['session', t('decSession'), d.sessionTitle ?? d.sessionId],
            d.pollId && ['poll', t('decPoll'), d.pollTitle ?? d.pollId],
            d.actionItemIds.length > 0 && ['items', t('decItems'), d.actionItemIds.join(', ')],
          ]
            .filter((x): x is string[] => Boolean(x))
            .map(([key, label, value], i) => (
              <span key={key}>
                {i > 0 && ' · '}
                {label} <bdi>{value}</bdi>
              </span>
            ))}
        </Caption1>
      )}
      <Caption1 style={{ overflowWrap: 'anywhere', fontFamily: 'monospace' }}>
        {t('decHash')}
        {t('labelSep')}
        {d.hash}
      </Caption1>
    </article>
  );
}
