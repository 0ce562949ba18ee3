import { useChangeNews } from '../../components/polite';
import { useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import type { PollSummary } from '../../../../bot/src/features/polls/routes/polls.contract';

/**
 * What a screen reader should hear when votes come in: the poll and its new turnout (the
 * results refresh every two seconds; the bars change silently).
 */
export function useVoteNews(polls: PollSummary[] | undefined): string {
  const t = useT();
  const { host } = useSession();
  const num = (n: number) => n.toLocaleString(host.locale);
  return useChangeNews(polls?.map((p) => [p.id, p.voters, `${p.question}${t('labelSep')}${t('pollVoters', { count: p.voters, n: num(p.voters), m: num(Math.max(p.electorate, p.voters)) })}`]));
}
