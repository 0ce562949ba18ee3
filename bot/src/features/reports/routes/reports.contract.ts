/**
 * The reports tab API's wire contract. Both routes answer files, not JSON; the request is
 * in the path (`reports/session/:id/:format`, `reports/year/:year/:format`), checked by the
 * routes with catalogued messages. The tab bundles this file: zod and the pure domain only.
 */
import { z } from 'zod';
import { REPORT_FORMATS } from '../domain/render';

export const reportFormat = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof reportFormat>;

/** What each route (`method path`, as the route declares it) answers: a schema, or null for a file download. */
export const reportsResponses = {
  'get reports/session/:id/:format': null,
  'get reports/year/:year/:format': null,
} as const;
