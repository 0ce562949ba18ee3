import { app, authentication, pages } from '@microsoft/teams-js';

export type Theme = 'default' | 'dark' | 'contrast';
export type Frame = 'content' | 'sidePanel' | 'meetingStage' | 'settings' | 'other';

/** Where the tab runs: inside Teams (context, theme, SSO) or a plain browser (local development). */
export interface Host {
  inTeams: boolean;
  theme: Theme;
  locale: string;
  frame: Frame;
  teamId?: string;
  /** The tab runs in a meeting (side panel, stage, meeting chat or details): the session view opens first. */
  meeting?: boolean;
  meetingId?: string;
  /** Teams SSO token for the API; undefined outside Teams. */
  getToken(): Promise<string | undefined>;
  onThemeChange(cb: (theme: Theme) => void): void;
  /** Tells Teams the tab has loaded (it keeps its loading indicator until then). */
  loaded(): void;
}

/**
 * Outside Teams, `app.initialize()` rejects at once as a top-level page but hangs for a
 * minute inside a foreign frame, so it races a short timer; either way the tab falls back
 * to local development mode within a couple of seconds.
 */
export async function connectToHost(timeoutMs = 2000): Promise<Host> {
  if (window.parent !== window) {
    const ok = await Promise.race([
      app.initialize().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs)),
    ]);
    if (ok) return teamsHost(await app.getContext());
  }
  return browserHost();
}

function teamsHost(ctx: app.Context): Host {
  const frame = ctx.page.frameContext;
  return {
    inTeams: true,
    theme: asTheme(ctx.app.theme),
    locale: ctx.app.locale,
    frame: frame === 'sidePanel' || frame === 'meetingStage' || frame === 'settings' || frame === 'content' ? frame : 'other',
    ...(ctx.team?.internalId ? { teamId: ctx.team.internalId } : {}),
    ...(ctx.meeting?.id || frame === 'sidePanel' || frame === 'meetingStage' ? { meeting: true } : {}),
    ...(ctx.meeting?.id ? { meetingId: ctx.meeting.id } : {}),
    getToken: () => authentication.getAuthToken(),
    onThemeChange: (cb) => app.registerOnThemeChangeHandler((t) => cb(asTheme(t))),
    loaded: () => app.notifySuccess(),
  };
}

function browserHost(): Host {
  const params = new URLSearchParams(location.search);
  const stored = localStorage.getItem('quorum.theme');
  const theme: Theme = stored === 'dark' || stored === 'contrast' || stored === 'default' ? stored : matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'default';
  const frame = params.get('frame');
  return {
    inTeams: false,
    theme,
    // ?locale= is read only here, outside Teams (inside, Teams' context decides): it picks which
    // catalogue the page shows and nothing else, no more than the browser's own language would.
    locale: params.get('locale') ?? navigator.language,
    frame: frame === 'sidePanel' || frame === 'meetingStage' || frame === 'settings' ? frame : 'content',
    ...(params.get('team') ? { teamId: params.get('team')! } : {}),
    // Local development fakes a meeting with ?frame=sidePanel, ?frame=meetingStage or ?meeting=1.
    ...(params.get('meeting') === '1' || frame === 'sidePanel' || frame === 'meetingStage' ? { meeting: true } : {}),
    getToken: async () => undefined,
    onThemeChange: () => undefined,
    loaded: () => undefined,
  };
}

function asTheme(t: string | undefined): Theme {
  return t === 'dark' ? 'dark' : t === 'contrast' ? 'contrast' : 'default';
}

/** The channel tab's configuration page: one content page, saved as is. */
export async function registerTabConfig(contentUrl: string, name: string): Promise<void> {
  pages.config.registerOnSaveHandler((save) => {
    void pages.config.setConfig({ contentUrl, websiteUrl: contentUrl, entityId: 'quorum', suggestedDisplayName: name }).then(() => save.notifySuccess());
  });
  pages.config.setValidityState(true);
}
