import type { Translate } from '../../../platform/i18n/i18n';
import template from './templates/welcome.json';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';

export interface WelcomeCardData {
  title: string;
  body: string;
  start: string;
}

export function renderWelcomeCard(t: Translate, groupName: string): AdaptiveCard {
  const data: WelcomeCardData = { title: t('welcome.title'), body: t('welcome.body', { group: groupName }), start: t('welcome.start') };
  return expandCard(template, data, t);
}
