import { Link, Text } from '@fluentui/react-components';
import { useT } from '../../lib/i18n';
import { PollMeta } from './poll-results';
import type { PollSummary } from '../../../../bot/src/features/polls/routes/polls.contract';

/** Every poll, newest first: open or closed, turnout, closing time; a click shows its results. */
export function PollList({ polls, onOpen }: { polls: PollSummary[]; onOpen(id: string): void }) {
  const t = useT();
  return (
    <ul aria-label={t('pollTitle')} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }}>
      {polls.map((p) => (
        <li key={p.id} style={{ borderBottom: '1px solid var(--colorNeutralStroke2)', paddingBottom: 8, display: 'grid', gap: 4, minWidth: 0 }}>
          <Link as="button" aria-label={t('pollShow', { question: p.question })} onClick={() => onOpen(p.id)} style={{ textAlign: 'start' }}>
            <Text weight="semibold" style={{ overflowWrap: 'anywhere' }}>
              <bdi>{p.question}</bdi>
            </Text>
          </Link>
          <PollMeta poll={p} />
        </li>
      ))}
    </ul>
  );
}
