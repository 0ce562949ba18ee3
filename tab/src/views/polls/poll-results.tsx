import { Badge, Caption1, MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import { useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { ResultsChart } from './results-chart';
import type { PollSummary } from '../../../../bot/src/features/polls/routes/polls.contract';
import { hiddenKey, inZone, kindKey, visibilityKey } from './poll-format';

/** Meta text: small in the tab, readable from across the room on the meeting stage. */
function Small({ large, children, ...rest }: { large: boolean; children: React.ReactNode; 'data-testid'?: string }) {
  return large ? (
    <Text size={400} {...rest}>
      {children}
    </Text>
  ) : (
    <Caption1 {...rest}>{children}</Caption1>
  );
}

/** Open or closed, turnout and closing time (in the poll's own zone), kind and visibility. */
export function PollMeta({ poll, large = false }: { poll: PollSummary; large?: boolean }) {
  const t = useT();
  const { host } = useSession();
  const size = large ? 'large' : 'medium';
  const num = (n: number) => n.toLocaleString(host.locale);
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
      <Badge appearance="filled" color={poll.open ? 'success' : 'informative'} size={size}>
        {t(poll.open ? 'pollOpen' : 'pollClosed')}
      </Badge>
      <Small large={large} data-testid="voters">
        {t('pollVoters', { count: poll.voters, n: num(poll.voters), m: num(Math.max(poll.electorate, poll.voters)) })}
      </Small>
      <Small large={large}>
        {poll.open ? t('pollClosesAt', { at: inZone(poll.closesAt, poll.timeZone, host.locale) }) : t('pollClosedAt', { at: inZone(poll.closedAt ?? poll.closesAt, poll.timeZone, host.locale) })}
      </Small>
      {!large && (
        <>
          <Badge appearance="outline" size="small">
            {t(kindKey(poll.kind))}
          </Badge>
          {poll.kind === 'multiple' && poll.maxChoices < poll.options.length && (
            <Badge appearance="outline" size="small">
              {t('pollUpTo', { count: poll.maxChoices })}
            </Badge>
          )}
          <Badge appearance="outline" size="small">
            {t(visibilityKey(poll.visibility))}
          </Badge>
          <Badge appearance="outline" size="small">
            {t(poll.anonymous ? 'pollAnonymous' : 'pollNamed')}
          </Badge>
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
      <MessageBar intent="info" layout="multiline">
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
