import type { Translate } from '../../../platform/i18n/i18n';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';
import template from './templates/poll-reminder.json';

export function renderPollReminder(t: Translate, v: { teamId: string; pollId: string; question: string; body: string }): AdaptiveCard {
  return expandCard(template, { heading: t('polls.reminder.heading'), question: v.question, body: v.body, teamId: v.teamId, pollId: v.pollId, voteText: t('polls.card.showMine') }, t);
}
