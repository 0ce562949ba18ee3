import { QuorumError } from '../../../kernel/errors';
import { parseLocalDateTime } from '../../../kernel/local-time';
import { MAX_OPTION_CHARS, MAX_OPTIONS, MAX_QUESTION_CHARS, MIN_OPTIONS, POLL_KINDS, VISIBILITIES, type PollKind, type PollOption, type Visibility } from './poll';

/** The create form's fields, as typed (strings), already shape-checked by the edge. */
export interface PollFormInput {
  question: string;
  /** One option per line. */
  options: string;
  kind: string;
  maxChoices?: string;
  anonymous?: string;
  visibility: string;
  closesDate: string;
  closesTime: string;
  sessionId?: string;
}

export interface PollDraft {
  question: string;
  options: PollOption[];
  kind: PollKind;
  maxChoices: number;
  anonymous: boolean;
  visibility: Visibility;
  closesAt: Date;
  sessionId?: string;
}

const invalid = (reason: string, params: Record<string, string | number> = {}) => new QuorumError('validation', reason, { reason: `polls.errors.${reason}`, ...params });

/** Every rule of the form; the first broken one is reported and nothing is stored. */
export function validatePollInput(input: PollFormInput, now: Date, timeZone: string): PollDraft {
  const question = input.question.trim();
  if (!question) throw invalid('emptyQuestion');
  if (question.length > MAX_QUESTION_CHARS) throw invalid('questionTooLong', { max: MAX_QUESTION_CHARS });
  const texts = input.options
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (texts.length < MIN_OPTIONS) throw invalid('tooFewOptions', { min: MIN_OPTIONS });
  if (texts.length > MAX_OPTIONS) throw invalid('tooManyOptions', { max: MAX_OPTIONS });
  const long = texts.find((t) => t.length > MAX_OPTION_CHARS);
  if (long) throw invalid('optionTooLong', { max: MAX_OPTION_CHARS });
  const seen = new Set<string>();
  for (const t of texts) {
    const k = t.toLocaleLowerCase().replace(/\s+/g, ' ');
    if (seen.has(k)) throw invalid('duplicateOption', { option: t });
    seen.add(k);
  }
  const kind = POLL_KINDS.find((k) => k === input.kind);
  if (!kind) throw invalid('badKind');
  const visibility = VISIBILITIES.find((v) => v === input.visibility);
  if (!visibility) throw invalid('badVisibility');
  let maxChoices = kind === 'single' ? 1 : texts.length;
  if (kind === 'multiple' && input.maxChoices?.trim()) {
    const n = Number(input.maxChoices);
    if (!Number.isInteger(n) || n < 1 || n > texts.length) throw invalid('badMaxChoices', { max: texts.length });
    maxChoices = n;
  }
  const closesAt = parseLocalDateTime(input.closesDate, input.closesTime, timeZone);
  if (!closesAt) throw invalid('badDate');
  if (closesAt.getTime() <= now.getTime()) throw invalid('closesInPast');
  const draft: PollDraft = {
    question,
    options: texts.map((text, i) => ({ id: `o${i}`, text })),
    kind,
    maxChoices,
    anonymous: input.anonymous === 'true',
    visibility,
    closesAt,
  };
  if (input.sessionId?.trim()) draft.sessionId = input.sessionId.trim();
  return draft;
}
