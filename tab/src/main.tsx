import { createRoot } from 'react-dom/client';
import { StrictMode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { App, themed, useTheme } from './app';
import { DevIdentity } from './components/dev-identity';
import { ErrorBar, Loading } from './components/status';
import { ApiClient, devUser, PAGE_LIMIT, setDevUser } from './lib/api';
import { connectToHost, registerTabConfig, type Host } from './lib/host';
import { directionOf, messagesFor, MessagesContext, useT } from './lib/i18n';
import { me as meSchema, type Me } from '../../bot/src/features/core/routes/core.contract';
import { SessionContext } from './lib/session';
import { filtersFromAddress, toQuery } from './views/work-plan/filters';

const params = new URLSearchParams(location.search);

/** The channel tab opens on the work-plan; meeting panels open on other views. */
const workPlanFirst = (host: Host) => host.frame === 'content' && (params.get('view') ?? 'work-plan') === 'work-plan';

function Root({ host, devMode }: { host: Host; devMode: boolean }) {
  const api = useMemo(() => {
    const client = new ApiClient(host);
    // The work-plan's items load alongside 'me' rather than after the view has rendered.
    if (workPlanFirst(host)) client.prefetch('items', { ...toQuery(filtersFromAddress(location.search)), limit: PAGE_LIMIT });
    return client;
  }, [host]);
  const [me, setMe] = useState<Me>();
  const [error, setError] = useState<Error>();
  const load = useCallback(() => {
    setError(undefined);
    api.get('me', meSchema).then(setMe, (e: Error) => setError(e));
  }, [api]);
  useEffect(load, [load]);
  const theme = useTheme(host);
  // A language the person chose in chat (`language fr`) wins over their Teams locale, here too.
  const chosen = me?.language ?? undefined;
  const teamsMessages = useContext(MessagesContext);
  const messages = chosen ? messagesFor(chosen) : teamsMessages;
  const shownHost = useMemo(() => (chosen ? { ...host, locale: chosen } : host), [host, chosen]);
  useEffect(() => {
    if (chosen) api.setLanguage(chosen);
    document.documentElement.lang = messages.lang;
    document.documentElement.dir = directionOf(messages);
  }, [api, chosen, messages]);
  return (
    <MessagesContext.Provider value={messages}>
      {themed(
        theme,
        <>
          {devMode && <DevIdentity onChange={load} />}
          {error ? (
            <ErrorBar error={error} onRetry={load} />
          ) : !me ? (
            <Loading />
          ) : (
            <SessionContext.Provider value={{ host: shownHost, api, me }}>
              <App {...(params.get('view') ? { initialView: params.get('view')! } : {})} />
            </SessionContext.Provider>
          )}
        </>,
        directionOf(messages),
      )}
    </MessagesContext.Provider>
  );
}

function Configure({ host }: { host: Host }) {
  const t = useT();
  useEffect(() => {
    void registerTabConfig(`${location.origin}/tab/index.html`, t('appName'));
    host.loaded();
  }, [host, t]);
  return themed(
    host.theme,
    <section>
      <h1>{t('configureTitle')}</h1>
      <p>{t('configureBody')}</p>
    </section>,
    directionOf(useContext(MessagesContext)),
  );
}

async function start(): Promise<void> {
  const host = await connectToHost();
  // The work-plan (the first view of a channel tab) downloads while the caller is being
  // checked, instead of after (it is the same module the view's lazy() import resolves to).
  if (workPlanFirst(host)) void import('./views/work-plan-view');
  const info = (await fetch('/api/tab')
    .then((r) => r.json())
    .catch(() => ({ auth: 'disabled' }))) as { auth: string; devUser?: string };
  const devMode = !host.inTeams && info.auth === 'development';
  if (devMode && !devUser() && info.devUser) setDevUser(info.devUser);
  const messages = messagesFor(host.locale);
  // The page's own language and direction, for screen readers and for text outside Fluent's provider.
  document.documentElement.lang = messages.lang;
  document.documentElement.dir = directionOf(messages);
  const root = createRoot(document.getElementById('root')!);
  root.render(
    <StrictMode>
      <MessagesContext.Provider value={messages}>{params.get('view') === 'configure' && host.inTeams ? <Configure host={host} /> : <Root host={host} devMode={devMode} />}</MessagesContext.Provider>
    </StrictMode>,
  );
}

void start();
