import type { Feature, FeatureContext } from '../../platform/teams/feature';
import { runReportCommand, tabLink } from './chat/report-command';
import { createReportServices, type ReportsRepositories } from './report-data';
import { reportRoutes } from './routes/report-routes';
import WORDS from './locales/commands.json';

/**
 * Reports for members: a session's (agenda, decisions, polls with results, action items
 * created and closed) and a year's (decisions, work-plan progress by area, organisation and
 * status), as Markdown, CSV and a printable HTML page. Read-only over the other features' data.
 */
export function createReportsFeature(ctx: FeatureContext<ReportsRepositories>, opts: { tabPage?: string } = {}): Feature {
  const svc = createReportServices(ctx);
  const link = tabLink(opts.tabPage ?? `${ctx.publicBaseUrl}/tab/index.html`);
  return {
    name: 'reports',
    commands: [
      {
        id: 'report',
        words: WORDS.report,
        usageKey: 'reports.usage.report',
        descriptionKey: 'reports.commands.report',
        audience: 'everyone',
        inMenu: false,
        run: (s, args) => runReportCommand(svc, link, s, args),
      },
    ],
    routes: reportRoutes(svc),
  };
}
