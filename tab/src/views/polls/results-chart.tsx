import { Badge, Caption1, Text, tokens } from '@fluentui/react-components';
import { useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import type { PollSummary } from '../../../../bot/src/features/polls/routes/polls.contract';

type Results = NonNullable<PollSummary['results']>;

const track: React.CSSProperties = {
  display: 'flex',
  overflow: 'hidden',
  borderRadius: tokens.borderRadiusMedium,
  background: tokens.colorNeutralBackground4,
  // Visible in high contrast too, where backgrounds are dropped.
  outline: `1px solid ${tokens.colorNeutralStroke1}`,
};

/**
 * Horizontal bars drawn with CSS. The numbers are text (read by screen readers, kept in
 * high contrast); the bars only repeat them, so they are hidden from assistive technology.
 * Bars are a share of the voters (multiple choice can add up past 100%).
 */
export function ResultsChart({ poll, results, large = false }: { poll: PollSummary; results: Results; large?: boolean }) {
  const t = useT();
  const { host } = useSession();
  const num = (n: number) => n.toLocaleString(host.locale);
  const height = large ? 28 : 12;
  const share = (n: number) => (results.voters > 0 ? (n / results.voters) * 100 : 0);
  return (
    <div style={{ display: 'grid', gap: large ? 16 : 8, minWidth: 0 }}>
      <ul aria-label={t('pollResultsOf', { question: poll.question })} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: large ? 16 : 8 }}>
        {results.options.map((o) => (
          <li key={o.id} data-option={o.id} style={{ display: 'grid', gap: 4, minWidth: 0 }}>
            <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 8, alignItems: 'baseline' }}>
              <Text size={large ? 500 : 300} weight={o.leading ? 'semibold' : 'regular'} style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
                <bdi>{o.text}</bdi>{' '}
                {o.leading && (
                  <Badge appearance="tint" color="brand" size={large ? 'large' : 'small'}>
                    {t('pollLeading')}
                  </Badge>
                )}
              </Text>
              <Text size={large ? 500 : 300} weight="semibold" data-testid="count">
                {poll.kind === 'availability' ? t('pollAvailability', { yes: num(o.count), maybe: num(o.maybe), no: num(o.no) }) : t('pollCount', { count: num(o.count), percent: o.percent })}
              </Text>
            </div>
            <div aria-hidden="true" style={{ ...track, height }}>
              {poll.kind === 'availability' ? (
                <>
                  <span style={{ width: `${share(o.count)}%`, background: tokens.colorPaletteGreenBackground3 }} />
                  <span style={{ width: `${share(o.maybe)}%`, background: tokens.colorPaletteMarigoldBackground3 }} />
                  <span style={{ width: `${share(o.no)}%`, background: tokens.colorPaletteRedBackground3 }} />
                </>
              ) : (
                <span style={{ width: `${share(o.count)}%`, background: o.leading ? tokens.colorBrandBackground : tokens.colorBrandBackground2Pressed }} />
              )}
            </div>
          </li>
        ))}
      </ul>
      {poll.kind === 'availability' && (
        <Caption1 aria-hidden="true" style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
          <Legend color={tokens.colorPaletteGreenBackground3} label={t('pollYes')} />
          <Legend color={tokens.colorPaletteMarigoldBackground3} label={t('pollMaybe')} />
          <Legend color={tokens.colorPaletteRedBackground3} label={t('pollNo')} />
        </Caption1>
      )}
      {results.voters === 0 && <Caption1>{t('pollNoVotes')}</Caption1>}
      {results.tie && <Caption1>{t('pollTie')}</Caption1>}
    </div>
  );
}

function Legend({ color, label }: { color: string; label: string }) {
  return (
    <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
      <span style={{ width: 10, height: 10, borderRadius: 2, background: color, outline: `1px solid ${tokens.colorNeutralStroke1}` }} />
      {label}
    </span>
  );
}
