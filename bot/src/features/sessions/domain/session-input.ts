import { QuorumError } from '../../../kernel/errors';
import { isValidTimeZone, parseLocalDateTime } from '../../../kernel/local-time';
import type { AgendaItem } from './session';

export interface SessionFormInput {
  title: string;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  timeZone: string;
  place?: string;
  onlineUrl?: string;
  description?: string;
  /** One item per line: `title | presenter | minutes | action ids | poll ids` (only title required). */
  agenda?: string;
}

export interface SessionDraft {
  title: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  place?: string;
  onlineUrl?: string;
  description?: string;
  agenda: AgendaItem[];
}

const invalid = (reason: string, params: Record<string, string | number> = {}) => new QuorumError('validation', reason, { reason: `sessions.errors.${reason}`, ...params });
const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
export const MAX_AGENDA_ITEMS = 40;

/**
 * What the session form's inputs hold (their maxLength) and the service accepts: nothing
 * longer is cut, it is refused. The agenda holds 40 lines of a 300-character title and a
 * 200-character presenter with room for ids; with the others the form stays well within
 * the card size budget.
 */
export const SESSION_LIMITS = { title: 200, timeZone: 64, place: 300, onlineUrl: 2000, description: 4000, agenda: 22_000 } as const;

export function validateSessionInput(input: SessionFormInput): SessionDraft {
  const title = input.title.trim();
  if (!title) throw invalid('emptyTitle');
  if (title.length > SESSION_LIMITS.title) throw invalid('titleTooLong', { max: SESSION_LIMITS.title });
  if ((input.agenda ?? '').length > SESSION_LIMITS.agenda) throw invalid('agendaTooLong', { max: SESSION_LIMITS.agenda });
  const timeZone = input.timeZone.trim();
  if (!isValidTimeZone(timeZone)) throw invalid('badTimeZone');
  const startsAt = parseLocalDateTime(input.startDate, input.startTime, timeZone);
  const endsAt = parseLocalDateTime(input.endDate || input.startDate, input.endTime, timeZone);
  if (!startsAt || !endsAt) throw invalid('badDate');
  if (endsAt.getTime() <= startsAt.getTime()) throw invalid('endBeforeStart');
  const draft: SessionDraft = { title, startsAt, endsAt, timeZone, agenda: parseAgenda(input.agenda ?? '') };
  const place = input.place?.trim();
  if (place) {
    if (place.length > SESSION_LIMITS.place) throw invalid('placeTooLong', { max: SESSION_LIMITS.place });
    draft.place = place;
  }
  const url = input.onlineUrl?.trim();
  if (url) {
    if (!/^https:\/\/[^\s]+$/i.test(url) || url.length > SESSION_LIMITS.onlineUrl) throw invalid('badUrl');
    draft.onlineUrl = url;
  }
  const description = input.description?.trim();
  if (description) {
    if (description.length > SESSION_LIMITS.description) throw invalid('descriptionTooLong', { max: SESSION_LIMITS.description });
    draft.description = description;
  }
  return draft;
}

function parseAgenda(text: string): AgendaItem[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > MAX_AGENDA_ITEMS) throw invalid('tooManyAgendaItems', { max: MAX_AGENDA_ITEMS });
  return lines.map((line, i) => {
    const [title = '', presenter = '', minutes = '', actions = '', polls = ''] = line.split('|').map((s) => s.trim());
    if (!title || title.length > 300) throw invalid('badAgendaLine', { line: i + 1 });
    const item: AgendaItem = { title, actionItemIds: ids(actions, i), pollIds: ids(polls, i) };
    if (presenter.length > 200) throw invalid('badAgendaLine', { line: i + 1 });
    if (presenter) item.presenter = presenter;
    if (minutes) {
      const n = Number(minutes);
      if (!Number.isInteger(n) || n < 1 || n > 600) throw invalid('badAgendaLine', { line: i + 1 });
      item.minutes = n;
    }
    return item;
  });
}

function ids(text: string, line: number): string[] {
  const out = text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (out.some((id) => !ID.test(id))) throw invalid('badAgendaLine', { line: line + 1 });
  return out;
}

/** The agenda back as form text (for editing). */
export function agendaToText(agenda: readonly AgendaItem[]): string {
  return agenda.map((a) => [a.title, a.presenter ?? '', a.minutes ?? '', a.actionItemIds.join(', '), a.pollIds.join(', ')].join(' | ').replace(/( \| )+$/, '')).join('\n');
}
