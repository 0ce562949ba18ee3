import { ToggleButton } from '@fluentui/react-components';
import { useT } from '../../lib/i18n';
import type { ListedItem as Item } from '../../../../bot/src/features/work-plan/routes/work-plan.contract';
import { STATUSES, statusKey } from './filters';

/** How many items of each status are shown; pressing one filters by it (again: all). */
export function StatusCounts({ items, status, onStatus }: { items: Item[]; status: string; onStatus(status: string): void }) {
  const t = useT();
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.status, (counts.get(i.status) ?? 0) + 1);
  return (
    <div role="group" aria-label={t('wpCounts')} style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
      {STATUSES.map((s) => (
        <ToggleButton key={s} size="small" shape="circular" checked={status === s} onClick={() => onStatus(status === s ? '' : s)}>
          {t(statusKey(s))}: {counts.get(s) ?? 0}
        </ToggleButton>
      ))}
    </div>
  );
}
