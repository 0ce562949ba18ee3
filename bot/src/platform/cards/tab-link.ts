/**
 * A link from a card to a view of the group's tab, where a list a card only summarises is
 * shown whole (`view`: the tab's view id; `params`: the filters that view reads from its
 * address, such as `status=open&dueTo=…` for the work-plan). The team is named so the page
 * opens on the right group; the tab still checks the reader belongs to it.
 */
export type TabLink = (teamId: string, view: TabView, params?: Readonly<Record<string, string>>) => string;
export type TabView = 'work-plan' | 'session' | 'settings';

export function tabLinks(publicBaseUrl: string): TabLink {
  const page = `${publicBaseUrl.replace(/\/$/, '')}/tab/index.html`;
  return (teamId, view, params = {}) => `${page}?${new URLSearchParams({ view, team: teamId, ...params }).toString()}`;
}
