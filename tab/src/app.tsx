import { Body1, Caption1, FluentProvider, Tab, TabList, Title3, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme as FluentTheme } from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useState, type ComponentType } from 'react';
import { Loading } from './components/status';
import { useT, type MessageKey } from './lib/i18n';
import type { Theme } from './lib/host';
import { useSession } from './lib/session';

const THEMES: Record<Theme, FluentTheme> = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

interface View {
  id: string;
  label: MessageKey;
  component: React.LazyExoticComponent<ComponentType>;
  /** Only listed where it belongs (the personal tab opens with ?view=my-items). */
  personal?: boolean;
}

/** Views load on demand: the first view's JavaScript stays small. */
const VIEWS: View[] = [
  { id: 'work-plan', label: 'viewWorkPlan', component: lazy(() => import('./views/work-plan-view')) },
  { id: 'session', label: 'viewSession', component: lazy(() => import('./views/session-view')) },
  { id: 'polls', label: 'viewPolls', component: lazy(() => import('./views/polls-view')) },
  { id: 'decisions', label: 'viewDecisions', component: lazy(() => import('./views/decisions-view')) },
  { id: 'reports', label: 'viewReports', component: lazy(() => import('./views/reports-view')) },
  { id: 'my-items', label: 'viewMyItems', component: lazy(() => import('./views/my-items-view')), personal: true },
  { id: 'settings', label: 'viewSettings', component: lazy(() => import('./views/settings-view')) },
];

export function themed(theme: Theme, children: React.ReactNode, dir: 'ltr' | 'rtl' = 'ltr') {
  return (
    <FluentProvider theme={THEMES[theme]} dir={dir} style={{ minHeight: '100vh', padding: 16, boxSizing: 'border-box' }}>
      {children}
    </FluentProvider>
  );
}

export function App({ initialView }: { initialView?: string }) {
  const t = useT();
  const { host, me } = useSession();
  const personal = initialView === 'my-items';
  const views = VIEWS.filter((v) => !v.personal || personal);
  // In a meeting (side panel, stage, meeting tab) the session is what people came for.
  const [view, setView] = useState(views.some((v) => v.id === initialView) ? initialView! : host.meeting ? 'session' : views[0]!.id);
  useEffect(() => host.loaded(), [host]);
  const Current = views.find((v) => v.id === view)!.component;
  // The meeting stage is shared with everyone in the meeting: the session alone, large and read-only, no navigation.
  if (host.frame === 'meetingStage') {
    return (
      <main>
        <Suspense fallback={<Loading />}>
          <Current />
        </Suspense>
      </main>
    );
  }
  return (
    <main>
      <header style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: 12, marginBottom: 8 }}>
        <Title3 as="h1">{t('appName')}</Title3>
        <Body1>{me.group.name}</Body1>
        <Caption1>
          {t('roleLabel')}
          {t('labelSep')}
          {me.role === 'co-chair' ? t('roleCoChair') : t('roleMember')}
        </Caption1>
      </header>
      <nav>
        {/* Tabs wrap onto a second line in narrow frames (a 320 px meeting side panel) rather than scroll. */}
        <TabList selectedValue={view} onTabSelect={(_e, d) => setView(String(d.value))} size={host.frame === 'sidePanel' ? 'small' : 'medium'} style={{ flexWrap: 'wrap' }}>
          {views.map((v) => (
            <Tab key={v.id} value={v.id}>
              {t(v.label)}
            </Tab>
          ))}
        </TabList>
      </nav>
      <div style={{ marginTop: 16 }}>
        <Suspense fallback={<Loading />}>
          <Current />
        </Suspense>
      </div>
    </main>
  );
}

/** Follows the host's theme (Teams tells us when the user switches). */
export function useTheme(host: { theme: Theme; onThemeChange(cb: (t: Theme) => void): void }): Theme {
  const [theme, setTheme] = useState<Theme>(host.theme);
  useEffect(() => host.onThemeChange(setTheme), [host]);
  return theme;
}
