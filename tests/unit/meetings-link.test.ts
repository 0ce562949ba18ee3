import { meetingThreadKey, sessionAt, SESSION_MATCH_SLACK_MS } from '../../bot/src/features/sessions/domain/meeting-link';
import type { Session } from '../../bot/src/features/sessions/domain/session';

const THREAD = '19:meeting_N2IwYzRmMWUtMmQzYS00YjVjLThlOWYtMGExYjJjM2Q0ZTVm@thread.v2';
const CONTEXT = '?context=%7b%22Tid%22%3a%225f2b2c7e-7b1e-4c1a-9d7e-0a1b2c3d4e5f%22%2c%22Oid%22%3a%220d6b1c3e-5a7f-4e2b-8c9d-1f2e3a4b5c6d%22%7d';

describe('meetingThreadKey: a join URL and the meeting chat name the same thread', () => {
  it.each([
    ['lower-case escapes (as Teams sends JoinUrl)', `https://teams.microsoft.com/l/meetup-join/19%3ameeting_N2IwYzRmMWUtMmQzYS00YjVjLThlOWYtMGExYjJjM2Q0ZTVm%40thread.v2/0${CONTEXT}`],
    [
      'upper-case escapes (as Outlook shows it)',
      `https://teams.microsoft.com/l/meetup-join/19%3Ameeting_N2IwYzRmMWUtMmQzYS00YjVjLThlOWYtMGExYjJjM2Q0ZTVm%40thread.v2/0?context=%7B%22Tid%22%3A%22x%22%7D`,
    ],
    [
      'encoded twice (a mail gateway)',
      `https://safelinks.example/?url=https%3A%2F%2Fteams.microsoft.com%2Fl%2Fmeetup-join%2F19%253ameeting_N2IwYzRmMWUtMmQzYS00YjVjLThlOWYtMGExYjJjM2Q0ZTVm%2540thread.v2%2F0`,
    ],
    ['not encoded', `https://teams.microsoft.com/l/meetup-join/${THREAD}/0`],
    ['the meeting chat conversation id', THREAD],
    ['a different-case host suffix', THREAD.replace('@thread.v2', '@THREAD.V2')],
  ])('%s', (_what, text) => {
    expect(meetingThreadKey(text)).toBe(THREAD);
  });

  it('keeps the case of the thread id itself (base64: case matters)', () => {
    expect(meetingThreadKey(THREAD.replace('N2Iw', 'n2iw'))).not.toBe(THREAD);
  });

  it('a channel meeting is its reply thread, as the meeting chat conversation id says', () => {
    const channel = '19:03e5c9a1d30e7eb5d5fc726601b59155@thread.tacv2';
    expect(meetingThreadKey(`https://teams.microsoft.com/l/meetup-join/19%3a03e5c9a1d30e7eb5d5fc726601b59155%40thread.tacv2/1773129731438${CONTEXT}`)).toBe(`${channel};messageid=1773129731438`);
    expect(meetingThreadKey(`${channel};messageid=1773129731438`)).toBe(`${channel};messageid=1773129731438`);
  });

  it.each([undefined, '', 'https://zoom.us/j/123456789', 'https://teams.microsoft.com/l/meetup-join/%E0%A4%A', 'x'.repeat(5000)])('names no meeting (case %#)', (text) => {
    expect(meetingThreadKey(text)).toBeUndefined();
  });
});

describe('sessionAt: one recurring meeting used for several sessions', () => {
  const session = (id: string, start: string, hours = 3): Session => {
    const startsAt = new Date(start);
    return {
      tenantId: 't',
      teamId: 'g',
      id,
      title: id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + hours * 3_600_000),
      timeZone: 'UTC',
      agenda: [],
      status: 'planned',
      createdBy: 'x',
      updatedAt: startsAt,
    };
  };
  const march = session('march', '2027-03-10T08:00:00Z');
  const june = session('june', '2027-06-10T08:00:00Z');

  it('picks the session planned around the meeting', () => {
    expect(sessionAt([march, june], new Date('2027-06-10T08:05:00Z'))?.id).toBe('june');
    expect(sessionAt([march, june], new Date('2027-03-10T07:40:00Z'))?.id).toBe('march');
  });

  it('picks none when the meeting is far from every session', () => {
    expect(sessionAt([march, june], new Date(march.endsAt.getTime() + SESSION_MATCH_SLACK_MS + 60_000))).toBeUndefined();
  });
});
