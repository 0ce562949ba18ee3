import type { Translate } from '../../../platform/i18n/i18n';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';
import template from './templates/report.json';

export interface ReportCardModel {
  /** Small heading (report kind) and the title (user text: a session's title, shown in a TextRun). */
  heading: string;
  title: string;
  /** Summary lines (may hold user text: TextRuns only). */
  lines: string[];
  /** One link per format, to the tab's reports view. */
  links: { format: 'md' | 'csv' | 'html'; url: string }[];
}

const FORMAT_KEYS = { md: 'reports.card.markdown', csv: 'reports.card.csv', html: 'reports.card.html' } as const;

export function renderReportCard(t: Translate, m: ReportCardModel): AdaptiveCard {
  return expandCard(
    template,
    {
      heading: m.heading,
      title: m.title,
      lines: m.lines.map((text) => ({ text })),
      downloadText: t('reports.card.download'),
      links: m.links.map((l) => ({ title: t(FORMAT_KEYS[l.format]), url: l.url })),
    },
    t,
  );
}
