import ical from 'ical-generator';
import type { Session } from '../../../domain/sessions/session';

/**
 * The session as an iCalendar file. Times are written in UTC: unambiguous in every client
 * without shipping a VTIMEZONE block; calendars show them in the reader's own zone.
 */
export function sessionIcs(session: Session, groupName: string): string {
  const cal = ical({ name: groupName || 'Quorum', prodId: { company: 'Quorum', product: 'sessions', language: 'EN' } });
  const agenda = session.agenda.map((a, i) => `${i + 1}. ${a.title}${a.presenter ? ` — ${a.presenter}` : ''}${a.minutes ? ` (${a.minutes} min)` : ''}`);
  cal.createEvent({
    id: `${session.id}@quorum`,
    start: session.startsAt,
    end: session.endsAt,
    summary: session.title,
    description: [session.description ?? '', agenda.join('\n')].filter(Boolean).join('\n\n'),
    ...(session.place ? { location: session.place } : {}),
    ...(session.onlineUrl ? { url: session.onlineUrl } : {}),
    stamp: session.updatedAt,
  });
  return cal.toString();
}
