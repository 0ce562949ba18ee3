import type { Page } from '../domain/decision-query';
import type { DecisionView } from '../domain/find-decisions.use-case';
import type { Translate } from '../../../platform/i18n/i18n';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';
import { statusText } from './decision-card';
import template from './templates/decision-list.json';

export interface DecisionListView {
  teamId: string;
  /** The query as typed after `decisions`, carried by the paging buttons. */
  q: string;
  page: Page<DecisionView>;
}

export function renderDecisionListCard(t: Translate, view: DecisionListView): AdaptiveCard {
  const { page } = view;
  const heading = view.q ? t('decisions.list.headingQuery', { q: view.q }) : t('decisions.list.heading');
  const summary = page.total === 0 ? t('decisions.list.none') : t('decisions.list.summary', { count: page.total, page: page.page + 1, pages: page.pages });
  const items = page.items.map((d) => {
    const s = statusText(t, d);
    return { ref: d.ref, title: d.title, line: `${d.decidedAt} · ${s.text}`, color: d.status === 'in-force' ? 'Default' : s.color };
  });
  return expandCard(
    template,
    {
      heading,
      summary,
      items,
      teamId: view.teamId,
      q: view.q,
      hasPrevious: page.page > 0,
      hasNext: page.page + 1 < page.pages,
      previousPage: page.page - 1,
      nextPage: page.page + 1,
      labels: { previous: t('decisions.list.newer'), next: t('decisions.list.older') },
    },
    t,
  );
}
