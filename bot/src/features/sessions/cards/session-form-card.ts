import type { Translate } from '../../../platform/i18n/i18n';
import { expandCard, type AdaptiveCard } from '../../../platform/cards/render';
import template from './templates/session-form.json';
import { SESSION_LIMITS } from '../domain/session-input';

export const SESSION_FIELDS = ['title', 'startDate', 'startTime', 'endDate', 'endTime', 'timeZone', 'place', 'onlineUrl', 'description', 'agenda'] as const;
export type SessionFormValues = Partial<Record<(typeof SESSION_FIELDS)[number], string>>;

export interface SessionFormView {
  teamId: string;
  sessionId: string;
  /** Editing: the ETag the values were read at (a concurrent edit is then refused, not overwritten). */
  etag?: string;
  values: SessionFormValues;
  notice?: string;
}

export function renderSessionForm(t: Translate, v: SessionFormView): AdaptiveCard {
  const labels = Object.fromEntries(SESSION_FIELDS.map((f) => [f, t(`sessions.form.${f}`)]));
  return expandCard(
    template,
    {
      heading: t(v.etag ? 'sessions.form.editTitle' : 'sessions.form.newTitle'),
      notice: v.notice ?? '',
      l: { ...labels, agendaPlaceholder: t('sessions.form.agendaPlaceholder') },
      v: Object.fromEntries(SESSION_FIELDS.map((f) => [f, v.values[f] ?? ''])),
      // A session stored before the agenda had a bound keeps its whole agenda in the box (saving it then says it is too long), never cut by the input.
      limits: { ...SESSION_LIMITS, agenda: Math.max(SESSION_LIMITS.agenda, (v.values.agenda ?? '').length) },
      submitText: t('sessions.form.submit'),
      submitData: { teamId: v.teamId, sessionId: v.sessionId, ...(v.etag ? { etag: v.etag } : {}) },
    },
    t,
  );
}
