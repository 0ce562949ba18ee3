import { QuorumError } from '../../../kernel/errors';
import { fileStem, localStamp } from '../domain/labels';
import { CONTENT_TYPES, isReportFormat, renderReport, type ReportFormat } from '../domain/render';
import type { Report } from '../domain/report-model';
import { languageOf } from '../../../platform/i18n/i18n';
import type { ApiRequest, ApiResponse, ApiRoute, ApiScope } from '../../../platform/teams/feature';
import { parseYear, sessionById, sessionReport, yearReport, type ReportServices } from '../report-data';

function formatOf(text: string | undefined): ReportFormat {
  const f = (text ?? '').toLowerCase();
  if (!isReportFormat(f)) throw new QuorumError('validation', 'bad report format', { reason: 'reports.errors.badFormat' });
  return f;
}

function download(scope: ApiScope, req: ApiRequest, report: Report, format: ReportFormat, stem: string): ApiResponse {
  const lang = languageOf(req.headers?.['accept-language']);
  return { body: renderReport(scope.t, lang, report, format), contentType: CONTENT_TYPES[format], filename: `${stem}.${format}` };
}

/**
 * Downloads for members (mounted under /api/tab/): `reports/session/:id/:format` and
 * `reports/year/:year/:format`, format md | csv | html. The format and year are checked
 * before anything is read.
 */
export function reportRoutes(svc: ReportServices): ApiRoute[] {
  return [
    {
      method: 'get',
      path: 'reports/session/:id/:format',
      audience: 'member',
      list: true,
      async handle(scope, req) {
        const format = formatOf(req.params.format);
        const session = await sessionById(svc, scope.group, req.params.id ?? '');
        const report = await sessionReport(svc, scope.caller, scope.group, session);
        const day = localStamp(report.session.startsAt, report.timeZone).slice(0, 10);
        return download(scope, req, report, format, `session-report-${day}-${fileStem(session.title)}`);
      },
    },
    {
      method: 'get',
      path: 'reports/year/:year/:format',
      audience: 'member',
      list: true,
      async handle(scope, req) {
        const format = formatOf(req.params.format);
        const year = parseYear(req.params.year ?? '');
        const report = await yearReport(svc, scope.caller, scope.group, year);
        return download(scope, req, report, format, `yearly-report-${year}-${fileStem(scope.group.name)}`);
      },
    },
  ];
}
