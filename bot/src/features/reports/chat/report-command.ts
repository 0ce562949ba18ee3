import { renderReportCard } from '../cards/report-card';
import type { AdaptiveCard } from '../../../platform/cards/render';
import { QuorumError } from '../../../kernel/errors';
import { localStamp } from '../domain/labels';
import { REPORT_FORMATS } from '../domain/render';
import type { SessionReport, YearReport } from '../domain/report-model';
import type { Translate } from '../../../platform/i18n/i18n';
import type { TurnScope } from '../../../platform/teams/feature';
import ARGUMENTS from '../locales/arguments.json';
import { argumentNamed } from '../../../platform/i18n/argument-words';
import { currentSession, parseYear, sessionReport, yearReport, type ReportServices } from '../report-data';

/** Where the tab's reports view will be (it comes with the tab issue); the card links there per format. */
export type ReportLink = (params: Record<string, string>) => string;

export function tabLink(tabPage: string): ReportLink {
  return (params) => `${tabPage}?${new URLSearchParams({ view: 'reports', ...params }).toString()}`;
}

function sessionCard(t: Translate, link: ReportLink, teamId: string, r: SessionReport): AdaptiveCard {
  const when = `${localStamp(r.session.startsAt, r.timeZone)} (${r.timeZone})`;
  return renderReportCard(t, {
    heading: t('reports.card.sessionHeading'),
    title: r.session.title,
    lines: [
      t('reports.card.session', { title: r.session.title, when }),
      t('reports.card.agenda', { count: r.agenda.length }),
      t('reports.card.decisions', { count: r.decisions.length }),
      t('reports.card.polls', { count: r.polls.length }),
      t('reports.card.itemsCreated', { count: r.itemsCreated.length }),
      t('reports.card.itemsClosed', { count: r.itemsClosed.length }),
    ],
    links: REPORT_FORMATS.map((format) => ({ format, url: link({ report: 'session', session: r.session.id, format, team: teamId }) })),
  });
}

function yearCard(t: Translate, link: ReportLink, teamId: string, r: YearReport): AdaptiveCard {
  const all = r.items.total;
  return renderReportCard(t, {
    heading: t('reports.card.yearHeading', { year: r.year }),
    title: r.groupName,
    lines: [
      t('reports.card.decisions', { count: r.decisions.length }),
      t('reports.card.items', { count: all.total, done: all.byStatus.done, progress: all.averageProgress }),
      t('reports.card.areas', { count: r.items.byArea.filter((b) => b.key).length, organisations: r.items.byOrganisation.filter((b) => b.key).length }),
    ],
    links: REPORT_FORMATS.map((format) => ({ format, url: link({ report: 'year', year: String(r.year), format, team: teamId }) })),
  });
}

/** `report session` (the running, last or next session) or `report 2026`: a summary card with links to the downloads. */
export async function runReportCommand(svc: ReportServices, link: ReportLink, s: TurnScope, args: string): Promise<void> {
  const arg = args.trim();
  const group = await s.group();
  await svc.roles.assertMember(s.caller, group);
  if (argumentNamed(ARGUMENTS, arg, s.t.language) === 'session') {
    const report = await sessionReport(svc, s.caller, group, await currentSession(svc, group));
    return s.sendCard(sessionCard(s.t, link, group.teamId, report));
  }
  if (/^\d+$/.test(arg)) return s.sendCard(yearCard(s.t, link, group.teamId, await yearReport(svc, s.caller, group, parseYear(arg))));
  throw new QuorumError('validation', 'report usage', { reason: 'reports.errors.usage' });
}
