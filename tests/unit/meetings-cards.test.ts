import { MAX_AGENDA_POLLS, renderMeetingAgendaCard } from '../../bot/src/features/meetings/cards/meeting-agenda-card';
import { MAX_SUMMARY_ROWS, renderMeetingSummaryCard } from '../../bot/src/features/meetings/cards/meeting-summary-card';
import { MAX_CARD_CHARS } from '../../bot/src/platform/cards/render';
import type { SessionReport } from '../../bot/src/features/reports/domain/report-model';
import { createI18n, translator } from '../../bot/src/platform/i18n/i18n';
import fr from '../../bot/src/features/meetings/locales/fr.json';

const HOSTILE = '${$root.title} **bold** [x](https://evil.example) <script>';
const i18n = createI18n();
const en = translator(i18n, 'en');

/** Every string shown through a TextRun (the only place user text may appear). */
function textRuns(card: unknown): string[] {
  const out: string[] = [];
  JSON.stringify(card, (_k, v: unknown) => {
    if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'TextRun') out.push(String((v as { text: unknown }).text));
    return v;
  });
  return out;
}
/** Strings shown through TextBlocks or facts (markdown-capable): never user text. */
function markdownTexts(card: unknown): string[] {
  const out: string[] = [];
  JSON.stringify(card, (_k, v: unknown) => {
    if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'TextBlock') out.push(String((v as { text: unknown }).text));
    return v;
  });
  return out;
}

const longText = (i: number) => `${HOSTILE} ${i}`.padEnd(200, 'x');

describe('meeting agenda card', () => {
  const view = {
    title: HOSTILE,
    facts: [{ label: 'Planned start', value: '10 Mar 2027, 09:00 (Europe/Zurich)' }],
    place: HOSTILE,
    agenda: Array.from({ length: 40 }, (_, i) => ({ title: longText(i).padEnd(300, 't'), presenter: longText(i), minutes: 30 })),
    polls: Array.from({ length: MAX_AGENDA_POLLS + 5 }, (_, i) => ({ question: longText(i).padEnd(500, 'q'), closes: '12 Mar 2027', voters: 2, electorate: 3 })),
  };

  it('keeps user text literal, in TextRuns only, and stays under the size budget with the largest session', () => {
    const card = renderMeetingAgendaCard(en, view);
    expect(JSON.stringify(card).length).toBeLessThan(MAX_CARD_CHARS);
    const runs = textRuns(card);
    expect(runs).toContain(HOSTILE);
    expect(runs.filter((r) => r.startsWith(HOSTILE))).toHaveLength(1 + 1 + 40 + MAX_AGENDA_POLLS);
    for (const t of markdownTexts(card)) expect(t).not.toContain('evil.example');
    expect(runs).toContain(en('meetings.more', { count: 5 }));
  });

  it('says so when there is no agenda and no open poll, in French too', () => {
    const card = JSON.stringify(renderMeetingAgendaCard(translator(i18n, 'fr'), { title: 'x', facts: [], agenda: [], polls: [] }));
    expect(card).toContain(fr.meetings.agenda.noAgenda);
    expect(card).toContain(fr.meetings.agenda.noPolls);
    expect(card).not.toContain(fr.meetings.agenda.pollsHint);
  });
});

describe('meeting summary card', () => {
  const report = (n: number, hidden: boolean): SessionReport => ({
    kind: 'session',
    groupName: 'g',
    timeZone: 'UTC',
    generatedAt: '2027-03-10T12:00:00Z',
    session: { id: 's', title: HOSTILE, startsAt: '2027-03-10T08:00:00Z', endsAt: '2027-03-10T12:00:00Z', status: 'planned' },
    agenda: [],
    decisions: Array.from(
      { length: n },
      (_, i) =>
        ({ ref: `D-2027-${String(i + 1).padStart(3, '0')}`, kind: 'decision', title: longText(i), text: 'x', decidedAt: '2027-03-10', status: 'in-force' }) as SessionReport['decisions'][number],
    ),
    itemsCreated: Array.from({ length: n }, (_, i) => ({ ref: `A-${i + 1}`, title: longText(i), status: 'open', progress: 0, at: '2027-03-10T09:00:00Z' })),
    itemsClosed: [],
    polls: [
      {
        id: 'p1',
        question: HOSTILE,
        kind: 'single',
        anonymous: false,
        open: false,
        voters: 3,
        electorate: 3,
        tie: true,
        ...(hidden
          ? {}
          : {
              results: [
                { text: HOSTILE, votes: 1, maybe: 0, no: 0, percent: 50, leading: true },
                { text: 'B', votes: 1, maybe: 0, no: 0, percent: 50, leading: true },
              ],
            }),
      },
    ],
  });

  it('pages long lists, keeps user text literal, and stays under the size budget', () => {
    const card = renderMeetingSummaryCard(en, report(200, false), []);
    expect(JSON.stringify(card).length).toBeLessThan(MAX_CARD_CHARS);
    const runs = textRuns(card);
    expect(runs).toContain('D-2027-001 ');
    expect(runs).not.toContain(`D-2027-${String(MAX_SUMMARY_ROWS + 1).padStart(3, '0')} `);
    expect(runs.filter((r) => r === en('meetings.more', { count: 200 - MAX_SUMMARY_ROWS }))).toHaveLength(2);
    expect(runs).toContain(`${HOSTILE}: 1 (50%) ${en('meetings.summary.tied')}`);
    for (const t of markdownTexts(card)) expect(t).not.toContain('evil.example');
    expect(runs).toContain(HOSTILE);
  });

  it('the largest session (long titles, many polls of 20 long options) still fits: fewer rows, counted', () => {
    const big = report(200, false);
    big.polls = Array.from({ length: 40 }, (_, i) => ({
      id: `p${i}`,
      question: longText(i).padEnd(500, 'q'),
      kind: 'availability' as const,
      anonymous: false,
      open: true,
      voters: 9,
      electorate: 9,
      tie: false,
      results: Array.from({ length: 20 }, (_, j) => ({ text: longText(j), votes: j, maybe: 1, no: 2, percent: 10, leading: j === 19 })),
    }));
    const card = renderMeetingSummaryCard(en, big, []);
    expect(JSON.stringify(card).length).toBeLessThan(MAX_CARD_CHARS);
    expect(textRuns(card).some((r) => /^… and \d+ more/.test(r))).toBe(true);
  });

  it('says results are hidden when the poll does not show them to members', () => {
    const runs = textRuns(renderMeetingSummaryCard(en, report(0, true), []));
    expect(runs).toContain(en('meetings.summary.resultsHidden'));
    expect(JSON.stringify(renderMeetingSummaryCard(en, report(0, true), []))).toContain(en('meetings.summary.noDecisions'));
  });
});
