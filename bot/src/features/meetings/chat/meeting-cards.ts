import { renderMeetingAgendaCard } from '../cards/meeting-agenda-card';
import { renderMeetingSummaryCard } from '../cards/meeting-summary-card';
import type { AdaptiveCard } from '../../../platform/cards/render';
import type { Group } from '../../../kernel/group';
import { formatLocal } from '../../../kernel/local-time';
import type { Session } from '../../sessions';
import type { Translate } from '../../../platform/i18n/i18n';
import { sessionReportForMeeting, type ReportServices } from '../../reports';

const plannedTimes = (t: Translate, s: Session, language: string) => [
  { label: t('meetings.agenda.starts'), value: formatLocal(s.startsAt, s.timeZone, language) },
  { label: t('meetings.agenda.ends'), value: formatLocal(s.endsAt, s.timeZone, language) },
];

/** The session's agenda and the polls still open when the meeting starts (its own or linked from the agenda). */
/** `tabUrl`: the session in the tab, where what the card cuts short is whole. */
export interface MeetingCardExtras {
  heading?: string;
  tabUrl?: string;
}

export async function agendaCard(svc: ReportServices, t: Translate, language: string, group: Group, s: Session, at: Date, extras: MeetingCardExtras = {}): Promise<AdaptiveCard> {
  const linked = new Set(s.agenda.flatMap((a) => a.pollIds));
  const open = (await svc.polls.list(group))
    .filter((p) => (p.sessionId === s.id || linked.has(p.id)) && p.status === 'open' && p.closesAt.getTime() > at.getTime())
    .sort((a, b) => a.closesAt.getTime() - b.closesAt.getTime());
  const polls = await Promise.all(
    open.map(async (p) => ({ question: p.question, closes: formatLocal(p.closesAt, p.timeZone, language), voters: (await svc.polls.tally(p)).voters, electorate: p.electorate })),
  );
  return renderMeetingAgendaCard(t, {
    ...(extras.heading ? { heading: extras.heading } : {}),
    ...(extras.tabUrl ? { tabUrl: extras.tabUrl } : {}),
    title: s.title,
    facts: plannedTimes(t, s, language),
    ...(s.place ? { place: s.place } : {}),
    agenda: s.agenda.map((a) => ({ title: a.title, ...(a.presenter ? { presenter: a.presenter } : {}), ...(a.minutes ? { minutes: a.minutes } : {}) })),
    polls,
  });
}

/** Decisions recorded, action items created and closed, poll results: the session report, as a card. */
export async function summaryCard(svc: ReportServices, t: Translate, language: string, group: Group, s: Session, extras: Pick<MeetingCardExtras, 'tabUrl'> = {}): Promise<AdaptiveCard> {
  const report = await sessionReportForMeeting(svc, group, s);
  const facts = [
    { label: t('meetings.summary.starts'), value: formatLocal(s.startsAt, s.timeZone, language) },
    { label: t('meetings.summary.ends'), value: formatLocal(s.endsAt, s.timeZone, language) },
  ];
  return renderMeetingSummaryCard(t, report, facts, extras.tabUrl);
}
