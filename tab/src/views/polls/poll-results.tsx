import { Badge, Caption1, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { ResultsChart } from './results-chart';
import { hiddenKey, inZone, kindKey, visibilityKey, type PollSummary } from './types';

/** Open or closed, turnout and closing time (in the poll's own zone), kind and visibility. */
export function PollMeta({ poll, large = false }: { poll: PollSummary; large?: boolean }) {
  const t = useT();
  const { host } = useSession();
  const size = large ? 'large' : 'medium';
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
      <Badge appearance="filled" color={poll.open ? 'success' : 'informative'} size={size}>
        {t(poll.open ? 'pollOpen' : 'pollClosed')}
      </Badge>
      <Caption1 data-testid="voters">{t('pollVoters', { n: poll.voters, m: Math.max(poll.electorate, poll.voters) })}</Caption1>
      <Caption1>{poll.open ? t('pollClosesAt', { at: inZone(poll.closesAt, poll.timeZone, host.locale) }) : t('pollClosedAt', { at: inZone(poll.closedAt ?? poll.closesAt, poll.timeZone, host.locale) })}</Caption1>
      {!large && (
        <>
          <Badge appearance="outline" size="small">{t(kindKey(poll.kind))}</Badge>
          {poll.kind === 'multiple' && poll.maxChoices < poll.options.length && <Badge appearance="outline" size="small">{t('pollUpTo', { n: poll.maxChoices })}</Badge>}
          <Badge appearance="outline" size="small">{t(visibilityKey(poll.visibility))}</Badge>
          <Badge appearance="outline" size="small">{t(poll.anonymous ? 'pollAnonymous' : 'pollNamed')}</Badge>
        </>
      )}
    </div>
  );
}

/** The results as this viewer may see them, or why they are hidden. */
export function PollResults({ poll, large = false }: { poll: PollSummary; large?: boolean }) {
  const t = useT();
  const { me } = useSession();
  if (!poll.results) {
    return (
      <MessageBar intent="info">
        <MessageBarBody>{t(hiddenKey(poll.visibility))}</MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <>
      <ResultsChart poll={poll} results={poll.results} large={large} />
      {poll.visibility === 'co-chairs' && me.role === 'co-chair' && <Caption1>{t('pollCoChairsSeeOnly')}</Caption1>}
    </>
  );
}
