import type { Translate } from '../../../platform/i18n/i18n';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';
import template from './templates/decision-verify.json';

export interface VerifyCardView {
  teamId: string;
  ok: boolean;
  result: string;
  detail: string;
  head: string;
}

export function renderVerifyCard(t: Translate, view: VerifyCardView): AdaptiveCard {
  return expandCard(
    template,
    {
      heading: t('decisions.verify.heading'),
      result: view.result,
      color: view.ok ? 'Good' : 'Attention',
      detail: view.detail,
      head: view.head,
      teamId: view.teamId,
      again: t('decisions.verify.again'),
    },
    t,
  );
}
