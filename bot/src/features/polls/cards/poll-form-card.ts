import type { Translate } from '../../../platform/i18n/i18n';
import { errorSlots, numberOrNothing, type FormError } from '../../../platform/cards/field-errors';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';
import template from './templates/poll-form.json';
import { NO_SESSION } from './payloads';

export interface PollFormView {
  teamId: string;
  /** Generated when the form is shown: the new poll's id, so a replayed submit is one poll. */
  pollId: string;
  timeZone: string;
  sessions: { id: string; title: string }[];
  /** A refusal: shown beside its field, or at the top when it concerns no one field. */
  error?: FormError;
  /** Values to show again after a refused submit. */
  values?: Partial<Record<'question' | 'options' | 'kind' | 'maxChoices' | 'anonymous' | 'visibility' | 'closesDate' | 'closesTime' | 'sessionId', string>>;
}

/** The form's inputs, by id: where an error can be shown. */
export const POLL_FORM_FIELDS = ['question', 'options', 'kind', 'maxChoices', 'visibility', 'closesDate', 'sessionId'] as const;

/** Which input a refusal of the create form concerns (the poll catalog's reason → input id). */
export const POLL_FORM_ERROR_FIELDS: Readonly<Record<string, (typeof POLL_FORM_FIELDS)[number]>> = {
  emptyQuestion: 'question',
  questionTooLong: 'question',
  tooFewOptions: 'options',
  tooManyOptions: 'options',
  optionTooLong: 'options',
  duplicateOption: 'options',
  badKind: 'kind',
  badMaxChoices: 'maxChoices',
  badVisibility: 'visibility',
  badDate: 'closesDate',
  closesInPast: 'closesDate',
  unknownSession: 'sessionId',
};

export function renderPollForm(t: Translate, view: PollFormView): AdaptiveCard {
  const v = view.values ?? {};
  const maxChoices = numberOrNothing(v.maxChoices);
  // Without sessions there is no session picker: an error about it goes to the top.
  const onForm = view.sessions.length > 0 ? POLL_FORM_FIELDS : POLL_FORM_FIELDS.filter((f) => f !== 'sessionId');
  const { errors: placed, notice } = errorSlots(onForm, view.error);
  const errors = { ...errorSlots(POLL_FORM_FIELDS, undefined).errors, ...placed };
  return expandCard(
    template,
    {
      title: t('polls.form.title'),
      notice,
      errors,
      teamId: view.teamId,
      pollId: view.pollId,
      questionLabel: t('polls.form.question'),
      question: v.question ?? '',
      optionsLabel: t('polls.form.options'),
      optionsPlaceholder: t('polls.form.optionsPlaceholder'),
      options: v.options ?? '',
      kindLabel: t('polls.form.kind'),
      kind: v.kind ?? 'single',
      kinds: ['single', 'multiple', 'availability'].map((k) => ({ value: k, title: t(`polls.kinds.${k}`) })),
      maxLabel: t('polls.form.maxChoices'),
      hasMax: maxChoices !== undefined,
      maxChoices: maxChoices ?? 0,
      maxPlaceholder: t('polls.form.maxPlaceholder'),
      anonymousLabel: t('polls.form.anonymous'),
      anonymousShort: t('polls.rules.anonymous'),
      anonymous: v.anonymous ?? 'false',
      visibilityLabel: t('polls.form.visibility'),
      visibility: v.visibility ?? 'live',
      visibilities: ['live', 'after-close', 'co-chairs'].map((k) => ({ value: k, title: t(`polls.visibility.${k}`) })),
      closesDateLabel: t('polls.form.closesDate'),
      closesDate: v.closesDate ?? '',
      closesTimeLabel: t('polls.form.closesTime'),
      closesTime: v.closesTime ?? '',
      timeZoneNote: t('polls.form.timeZone', { zone: view.timeZone }),
      sessionLabel: t('polls.form.session'),
      sessionId: v.sessionId || NO_SESSION,
      sessions: view.sessions.length > 0 ? [{ value: NO_SESSION, title: t('polls.form.noSession') }, ...view.sessions.map((s) => ({ value: s.id, title: s.title }))] : [],
      submitText: t('polls.form.submit'),
    },
    t,
  );
}
