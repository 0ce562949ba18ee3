import { Caption1, Divider, Subtitle2 } from '@fluentui/react-components';
import { useT } from '../lib/i18n';
import { useSession } from '../lib/session';
import { CoChairs } from './settings/co-chairs';
import { ReminderSettings } from './settings/reminder-settings';

/** The group's settings: co-chairs (everyone sees them), then what only co-chairs see and change. */
export default function SettingsView() {
  const t = useT();
  const { me } = useSession();
  return (
    <div style={{ display: 'grid', gap: 20, maxWidth: 640, minWidth: 0 }}>
      <CoChairs />
      <Divider />
      {me.role === 'co-chair' ? (
        <ReminderSettings />
      ) : (
        <section aria-labelledby="reminders-title" style={{ display: 'grid', gap: 8 }}>
          <Subtitle2 id="reminders-title" as="h2">
            {t('setRemindersTitle')}
          </Subtitle2>
          <Caption1>{t('setCoChairsOnly')}</Caption1>
        </section>
      )}
    </div>
  );
}
