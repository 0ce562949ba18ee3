import { Caption1, Subtitle2, Text } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { Empty, ErrorBar } from '../../components/status';
import { useT } from '../../lib/i18n';
import type { Resource } from '../../lib/use-resource';
import { statusKey } from '../work-plan/filters';
import type { Outcomes } from '../../../../bot/src/features/sessions/routes/sessions.contract';

function Listing({ label, empty, rows }: { label: string; empty: string; rows?: { key: string; content: ReactNode }[] }) {
  return (
    <>
      <Text weight="semibold">{label}</Text>
      {rows && rows.length === 0 && <Empty text={empty} />}
      {rows && rows.length > 0 && (
        <ul aria-label={label} style={{ margin: 0, paddingInlineStart: 18, display: 'grid', gap: 2 }}>
          {rows.map((r) => (
            <li key={r.key} style={{ overflowWrap: 'anywhere' }}>
              {r.content}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** What the session has produced so far: its decisions and the action items it created. */
export function OutcomesPanel({ outcomes }: { outcomes: Resource<Outcomes> }) {
  const t = useT();
  const data = outcomes.data;
  return (
    <section aria-labelledby="outcomes-title" style={{ display: 'grid', gap: 6, minWidth: 0 }}>
      <Subtitle2 id="outcomes-title" as="h3">
        {t('sesOutcomes')}
      </Subtitle2>
      {outcomes.error && !data && <ErrorBar error={outcomes.error} onRetry={outcomes.reload} />}
      <Listing
        label={t('sesDecisions')}
        empty={t('sesNoDecisions')}
        {...(data
          ? {
              rows: data.decisions.map((d) => ({
                key: d.ref,
                content: (
                  <>
                    <bdi>{d.ref}</bdi> · <bdi>{d.title}</bdi>
                  </>
                ),
              })),
            }
          : {})}
      />
      <Listing
        label={t('sesNewItems')}
        empty={t('sesNoNewItems')}
        {...(data
          ? {
              rows: data.items.map((i) => ({
                key: i.ref,
                content: (
                  <>
                    <bdi>{i.ref}</bdi> · <bdi>{i.title}</bdi>{' '}
                    <Caption1>
                      ({t(statusKey(i.status))}
                      {i.organisation && (
                        <>
                          {' · '}
                          <bdi>{i.organisation}</bdi>
                        </>
                      )}
                      )
                    </Caption1>
                  </>
                ),
              })),
            }
          : {})}
      />
    </section>
  );
}
