import { renderSessionCard } from '../cards/session-card';
import { renderSessionForm, type SessionFormValues } from '../cards/session-form-card';
import type { AdaptiveCard } from '../../../platform/cards/render';
import type { Group } from '../../../kernel/group';
import { localParts } from '../../../kernel/local-time';
import type { OpenItemsSource, Session } from '../domain/session';
import { agendaToText } from '../domain/session-input';
import type { Versioned } from '../../../kernel/versioned';
import type { Translate } from '../../../platform/i18n/i18n';
import type { TabLink } from '../../../platform/cards/tab-link';
import type { Session as SessionJson } from '../routes/sessions.contract';

export async function sessionCard(t: Translate, language: string, session: Session, opts: { canEdit: boolean; openItems: OpenItemsSource; tabLink?: TabLink; notice?: string }): Promise<AdaptiveCard> {
  // Open work-plan items are carried forward into the next session's review list.
  const review = await opts.openItems.openItems(session);
  return renderSessionCard(t, {
    session,
    language,
    canEdit: opts.canEdit,
    review: review.map((r) => ({ ref: r.ref, title: r.title })),
    ...(opts.tabLink ? { tabUrl: opts.tabLink(session.teamId, 'session') } : {}),
    ...(opts.notice ? { notice: opts.notice } : {}),
  });
}

export function sessionFormFor(t: Translate, group: Group, id: string, existing?: Versioned<Session>, values?: SessionFormValues, notice?: string): AdaptiveCard {
  let v: SessionFormValues = values ?? { timeZone: group.timeZone, startTime: '14:00', endTime: '17:00' };
  if (!values && existing) {
    const s = existing.value;
    const start = localParts(s.startsAt, s.timeZone);
    const end = localParts(s.endsAt, s.timeZone);
    v = {
      title: s.title,
      startDate: start.date,
      startTime: start.time,
      endDate: end.date,
      endTime: end.time,
      timeZone: s.timeZone,
      place: s.place ?? '',
      onlineUrl: s.onlineUrl ?? '',
      description: s.description ?? '',
      agenda: agendaToText(s.agenda),
    };
  }
  return renderSessionForm(t, { teamId: group.teamId, sessionId: id, values: v, ...(existing ? { etag: existing.etag } : {}), ...(notice ? { notice } : {}) });
}

/** What the tab gets: plain JSON, dates as ISO strings. */
export function sessionJson(s: Session): SessionJson {
  return {
    id: s.id,
    title: s.title,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    timeZone: s.timeZone,
    place: s.place ?? null,
    onlineUrl: s.onlineUrl ?? null,
    description: s.description ?? null,
    agenda: s.agenda,
    status: s.status,
  };
}
