import type { Translate } from '../../../platform/i18n/i18n';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';
import { cutText, fitCard } from '../../../platform/cards/fit';
import { noticeData, type Notice } from './labels';
import template from './templates/post.json';

export interface PostSection {
  heading: string;
  lines: string[];
  /** A short list (the counts by status) shown whole whatever the others are cut to. */
  whole?: boolean;
  /** Where the whole list is (the tab's work-plan, filtered): a section cut short links there. */
  link?: string;
}

/** A post in the channel (reminder or digest): a title, an optional notice, sections of lines. */
export interface PostCardView {
  teamId: string;
  title: string;
  notice?: Notice;
  sections: PostSection[];
  /** A button that opens the reader's own items (personal to whoever presses it). */
  myItemsText?: string;
}

/**
 * Lines per section: the first of these that keeps the post within the size budget. A list
 * cut short says how many it leaves out ("and 87 more") and links to them; the first lines
 * are the most urgent (the caller sorts them).
 */
export const POST_LINE_STEPS = [10, 6, 3, 1, 0] as const;
/** A line is one item: a title of the maximum length is cut, the item itself has it whole. */
export const MAX_LINE_CHARS = 160;

export function renderPostCard(t: Translate, v: PostCardView): AdaptiveCard {
  return fitCard(POST_LINE_STEPS, (max) =>
    expandCard(
      template,
      {
        teamId: v.teamId,
        title: v.title,
        ...noticeData(v.notice),
        sections: v.sections.map((s) => section(t, s, s.whole ? s.lines.length : max)),
        showAction: Boolean(v.myItemsText),
        actionTitle: v.myItemsText ?? '',
        actionFilter: 'mine',
      },
      t,
    ),
  );
}

function section(t: Translate, s: PostSection, max: number) {
  const shown = s.lines.slice(0, max);
  const left = s.lines.length - shown.length;
  return {
    heading: s.heading,
    lines: shown.map((text) => ({ text: cutText(text, MAX_LINE_CHARS) })),
    more: left > 0 ? t('workPlan.post.more', { count: left }) : '',
    url: left > 0 && s.link ? s.link : '',
    openText: t('workPlan.post.open'),
  };
}
