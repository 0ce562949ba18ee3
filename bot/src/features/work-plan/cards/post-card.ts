import type { Translate } from '../../../platform/i18n/i18n';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';
import { noticeData, type Notice } from './labels';
import template from './templates/post.json';

/** A post in the channel (reminder or digest): a title, an optional notice, sections of lines. */
export interface PostCardView {
  teamId: string;
  title: string;
  notice?: Notice;
  sections: { heading: string; lines: string[] }[];
  /** A button that opens the reader's own items (personal to whoever presses it). */
  myItemsText?: string;
}

/** Long lists are cut so a post stays within Teams' size limit; the rest is in `items all`. */
const MAX_LINES = 60;

export function renderPostCard(t: Translate, v: PostCardView): AdaptiveCard {
  return expandCard(
    template,
    {
      teamId: v.teamId,
      title: v.title,
      ...noticeData(v.notice),
      sections: v.sections.map((s) => ({ heading: s.heading, lines: s.lines.slice(0, MAX_LINES).map((text) => ({ text })) })),
      showAction: Boolean(v.myItemsText),
      actionTitle: v.myItemsText ?? '',
      actionFilter: 'mine',
    },
    t,
  );
}
