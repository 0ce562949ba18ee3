// Reports' public face (docs/architecture.md): the feature, and the report data sessions and
// meetings show (a session's outcomes, a meeting's summary).
export { createReportsFeature } from './reports.feature';
export { createReportServices, sessionReportForMeeting, type ReportServices, type ReportsRepositories } from './report-data';
export { createdInSession } from './domain/report-builders';
export type { ReportPoll, SessionReport } from './domain/report-model';
