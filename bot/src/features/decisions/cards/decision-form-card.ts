import { LIMITS } from '../domain/decision-input';
import type { DecisionKind } from '../domain/decision';
import { isolatedIn, type Translate } from '../../../platform/i18n/i18n';
import { formatLocalDate } from '../../../kernel/local-time';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';
import { cutText } from '../../../platform/cards/fit';
import template from './templates/decision-form.json';
import { NO_LINK } from './payloads';

/** What the form shows in its inputs (as typed, possibly invalid after a refused submit). */
export interface DecisionFormValues {
  title?: string;
  text?: string;
  rationale?: string;
  decidedAt?: string;
  sessionId?: string;
  pollId?: string;
  actionItemIds?: string;
}

/** A session or poll the form offers, newest first (`at`: a session's start, in its zone). */
export interface LinkOption {
  id: string;
  title: string;
  at?: Date;
  timeZone?: string;
}

/**
 * Up to this many choices go in the card itself; with more, the picker also searches as the
 * user types (Teams sends the bot an `application/search` invoke; its dropdown shows at most 15).
 * Few enough, with titles cut to one line, that the form stays within the card budget.
 */
export const STATIC_CHOICES = 10;
/** A choice is one line of a dropdown. */
export const CHOICE_TITLE_CHARS = 60;

/** The typeahead dataset of a picker: the bot's search name and the team (the invoke carries nothing else to find the group). */
export function linkDataset(kind: 'sessions' | 'polls', teamId: string): string {
  return `${LINK_DATASETS[kind]}|${teamId}`;
}
export const LINK_DATASETS = { sessions: 'decisions.sessions', polls: 'decisions.polls' } as const;

export interface DecisionFormView {
  teamId: string;
  /** The group's sessions and polls, to pick from by name. */
  sessions: readonly LinkOption[];
  polls: readonly LinkOption[];
  /** The reader's language, for session dates. */
  language: string;
  kind: DecisionKind;
  /** The record amended or revoked, with its title for the heading line. */
  target?: { ref: string; title: string };
  today: string;
  values: DecisionFormValues;
  /** A refused submit's message (the inputs keep what was typed). */
  error?: string;
}

export function renderDecisionFormCard(t: Translate, view: DecisionFormView): AdaptiveCard {
  const v = view.values;
  const headingKey = view.kind === 'amendment' ? 'decisions.form.headingAmend' : view.kind === 'revocation' ? 'decisions.form.headingRevoke' : 'decisions.form.heading';
  return expandCard(
    template,
    {
      heading: t(headingKey, { ref: view.target?.ref ?? '' }),
      targetLine: view.target ? view.target.title : '',
      error: view.error ?? '',
      teamId: view.teamId,
      kind: view.kind,
      supersedes: view.target?.ref ?? '',
      today: view.today,
      limits: LIMITS,
      values: {
        title: within(v.title ?? '', LIMITS.title),
        text: within(v.text ?? '', LIMITS.text),
        rationale: within(v.rationale ?? '', LIMITS.rationale),
        decidedAt: v.decidedAt || view.today,
        sessionId: v.sessionId || NO_LINK,
        pollId: v.pollId || NO_LINK,
        actionItemIds: v.actionItemIds ?? '',
      },
      sessions: picker(t, view.sessions, v.sessionId, linkDataset('sessions', view.teamId), view.language),
      polls: picker(t, view.polls, v.pollId, linkDataset('polls', view.teamId), view.language),
      labels: {
        title: t('decisions.form.title'),
        titleRequired: t('decisions.errors.emptyTitle'),
        text: t(view.kind === 'revocation' ? 'decisions.form.textRevoke' : 'decisions.form.text'),
        textRequired: t('decisions.errors.emptyText'),
        rationale: t('decisions.form.rationale'),
        decidedAt: t('decisions.form.decidedAt'),
        sessionId: t('decisions.form.sessionId'),
        pollId: t('decisions.form.pollId'),
        sessionSearch: t('decisions.form.sessionSearch'),
        pollSearch: t('decisions.form.pollSearch'),
        actionItemIds: t('decisions.form.actionItemIds'),
        actionItemIdsHint: t('decisions.form.actionItemIdsHint'),
        submit: t('decisions.form.review'),
      },
    },
    t,
  );
}

/**
 * A pre-filled value (a poll's question and results drafted as a decision) within its input's
 * maxLength, which counts UTF-16 units as the register's limits do: the person edits the draft
 * before recording it, and a longer value would be cut by Teams without a word.
 */
function within(text: string, max: number): string {
  let out = cutText(text, max);
  for (let n = max - 1; out.length > max; n--) out = cutText(text, n);
  return out;
}

/** A session reads "Spring plenary — 14 Mar 2027" (two sessions may share a title); a poll by its question. */
export function optionTitle(o: LinkOption, language: string): string {
  const title = [...o.title].length > CHOICE_TITLE_CHARS ? `${[...o.title].slice(0, CHOICE_TITLE_CHARS - 1).join('')}…` : o.title;
  // In Arabic the title (often Latin) is isolated, so its punctuation stays with it beside the date.
  return o.at && o.timeZone ? `${isolatedIn(language, title)} — ${formatLocalDate(o.at, o.timeZone, language)}` : title;
}

/**
 * The choices for one picker: "none", the newest few, and the current value even when it is
 * older (an amendment keeps its link). With more than fit, the picker searches all of them.
 */
function picker(t: Translate, options: readonly LinkOption[], current: string | undefined, dataset: string, language: string) {
  const shown = options.slice(0, STATIC_CHOICES);
  const chosen = current ? options.find((o) => o.id === current) : undefined;
  const extra = current && !shown.some((o) => o.id === current) ? [chosen ?? { id: current, title: current }] : [];
  return {
    choices: [{ title: t('decisions.form.noLink'), value: NO_LINK }, ...[...extra, ...shown].map((o) => ({ title: optionTitle(o, language), value: o.id }))],
    search: options.length > STATIC_CHOICES,
    dataset,
  };
}
