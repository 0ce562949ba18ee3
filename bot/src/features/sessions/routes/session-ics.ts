import ical from 'ical-generator';
import { plainName, plainText } from '../../../kernel/plain-text';
import type { Session } from '../domain/session';

/**
 * The session as an iCalendar file (RFC 5545). Times are written in UTC: unambiguous in
 * every client without shipping a VTIMEZONE block; calendars show them in the reader's own
 * zone. ical-generator escapes event text but writes the calendar name as given, so every
 * value is made plain here, whatever storage holds: a CR/LF in a team name would otherwise
 * start a new property, or a whole VEVENT, in the reader's calendar. SEQUENCE is the
 * session's revision, so a calendar that imported an earlier copy takes the new one.
 */
export function sessionIcs(session: Session, groupName: string): string {
  const cal = ical({ name: plainName(groupName) || 'Quorum', prodId: { company: 'Quorum', product: 'sessions', language: 'EN' } });
  const agenda = session.agenda.map((a, i) => plainName(`${i + 1}. ${a.title}${a.presenter ? ` — ${a.presenter}` : ''}${a.minutes ? ` (${a.minutes} min)` : ''}`));
  const place = session.place && plainName(session.place);
  const url = session.onlineUrl && plainName(session.onlineUrl);
  cal.createEvent({
    id: `${session.id}@quorum`,
    sequence: session.sequence ?? 0,
    start: session.startsAt,
    end: session.endsAt,
    summary: plainName(session.title),
    description: [plainText(session.description ?? ''), agenda.join('\n')].filter(Boolean).join('\n\n'),
    ...(place ? { location: place } : {}),
    ...(url ? { url } : {}),
    stamp: session.updatedAt,
  });
  // RFC 5545 §3.1: every content line, the last one included, ends with CRLF.
  return `${cal.toString()}\r\n`;
}
