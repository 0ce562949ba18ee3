import { plainName, plainText } from '../../bot/src/kernel/plain-text';
import { csvCell } from '../../bot/src/kernel/text-escape';
import type { Poll } from '../../bot/src/features/polls/domain/poll';
import type { Session } from '../../bot/src/features/sessions/domain/session';
import type { ActionItem } from '../../bot/src/features/work-plan/domain/action-item';
import { namedCsv } from '../../bot/src/features/polls/routes/poll-csv';
import { sessionIcs } from '../../bot/src/features/sessions/routes/session-ics';
import { toCsv } from '../../bot/src/features/work-plan/routes/items-csv';
import { icsText, icsValue, parseIcsStrictly } from '../support/ics-lines';

const CRLF_EVENT = '\r\nEND:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:forged@example\r\nSUMMARY:Injected\r\nEND:VEVENT\r\n';
const g = { tenantId: 't', teamId: 'team' };

/**
 * Files are built safely from whatever storage holds (rows written before names were
 * cleaned, or by another path): the second line of defence behind the stored names.
 */
describe('files built from text with control characters', () => {
  const session: Session = {
    ...g,
    id: 's1',
    title: `Plenary\u0000${CRLF_EVENT}`,
    startsAt: new Date('2027-02-15T08:30:00Z'),
    endsAt: new Date('2027-02-15T16:00:00Z'),
    timeZone: 'Europe/Zurich',
    place: 'Room\u2028XVII\r\nX-INJECTED:1',
    onlineUrl: 'https://teams.microsoft.com/l/meetup-join/abc\r\nX-INJECTED:1',
    description: 'Line one\r\nLine two\u0007',
    agenda: [{ title: `Заседание рабочей группы по информационной безопасности${CRLF_EVENT}`, presenter: 'Ана\r\nX', actionItemIds: [], pollIds: [] }],
    status: 'planned',
    createdBy: 'u',
    updatedAt: new Date('2027-01-10T09:00:00Z'),
    sequence: 4,
  };

  it('writes one VEVENT, CRLF-terminated and folded at 75 octets, whatever the names and texts hold', () => {
    const text = sessionIcs(session, `Working Group${CRLF_EVENT}\u0085`);
    const cal = parseIcsStrictly(text);
    expect(cal.components.map((c) => c.name)).toEqual(['VEVENT']);
    const event = cal.components[0]!;
    expect(icsValue(event, 'UID')).toBe('s1@quorum');
    expect(icsValue(event, 'SEQUENCE')).toBe('4');
    expect(event.properties.map((p) => p.name)).not.toContain('X-INJECTED');
    expect(icsText(icsValue(event, 'DESCRIPTION'))).toContain('Line one\nLine two');
    expect(icsText(icsValue(cal, 'X-WR-CALNAME'))).toBe('Working Group END:VCALENDAR BEGIN:VEVENT UID:forged@example SUMMARY:Injected END:VEVENT');
  });

  it('writes an items CSV with one row per item, however its owner is named', () => {
    const item = {
      ...g,
      number: 7,
      title: '\u0000=HYPERLINK("http://x")',
      description: 'a\r\nb',
      ownerId: 'o',
      priority: 'high',
      status: 'open',
      progress: 0,
      createdBy: 'u',
      createdAt: 'x',
      updatedAt: 'y',
      revision: 1,
    } as ActionItem;
    const csv = toCsv([item], new Map([['o', `Sofia${CRLF_EVENT}`]]));
    expect(csv).not.toMatch(/(?![\r\n])\p{Cc}/u);
    const rows = csv.split('\r\n');
    expect(rows).toHaveLength(3); // header, the item, and the empty string after the final CRLF
    expect(rows[1]).toContain(`'=HYPERLINK`);
    expect(rows[1]).toContain('"a\nb"');
    expect(rows[1]).toContain(',Sofia END:VCALENDAR BEGIN:VEVENT UID:forged@example SUMMARY:Injected END:VEVENT,');
  });

  it('writes a named-poll CSV with one row per vote, however the voter is named', () => {
    const poll = { ...g, id: 'p', question: 'Q', options: [{ id: 'a', text: 'Yes' }], kind: 'single' } as unknown as Poll;
    const csv = namedCsv((k) => k, poll, [{ aadObjectId: 'v', name: `Lars\r\n=cmd|' /C calc'!A0`, ballot: { kind: 'choices', optionIds: ['a'] } }]);
    expect(csv.split('\r\n')).toHaveLength(3);
    expect(csv).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
  });

  it('neutralises a formula hidden behind a control character or blanks', () => {
    expect(csvCell('\u0000=1+1')).toBe(`'=1+1`);
    expect(csvCell('\t=1+1')).toBe(`' =1+1`);
    expect(csvCell('\r\n@SUM(A1)')).toBe(`"'\n@SUM(A1)"`);
    expect(csvCell(-3)).toBe('-3');
  });

  it('keeps names on one line and text lines as LF', () => {
    expect(plainName(' Ana\r\n\u0000Lopez\u2028 ')).toBe('Ana Lopez');
    expect(plainText('a\r\nb\rc\u2029d\u0007\te')).toBe('a\nb\nc\nd e');
  });
});
