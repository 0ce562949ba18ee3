import { MAX_REFRESH_USERS, renderPollCard, type PollCardView } from '../../bot/src/features/polls/cards/poll-card';
import { renderPollForm } from '../../bot/src/features/polls/cards/poll-form-card';
import type { Poll } from '../../bot/src/features/polls/domain/poll';
import { computeResults } from '../../bot/src/features/polls/domain/results';
import { createI18n, translator } from '../../bot/src/platform/i18n/i18n';

const HOSTILE = '${$root.teamId} **bold** [x](https://evil.example) <script>';
const poll: Poll = {
  tenantId: 't',
  teamId: 'team-secret-id',
  id: 'p0123456789abcdef',
  question: HOSTILE,
  options: Array.from({ length: 20 }, (_, i) => ({ id: `o${i}`, text: `${HOSTILE} ${i}`.padEnd(200, 'x') })),
  kind: 'availability',
  maxChoices: 20,
  anonymous: false,
  visibility: 'live',
  closesAt: new Date('2027-03-08T17:00:00Z'),
  timeZone: 'Europe/Zurich',
  status: 'open',
  createdBy: 'a',
  createdAt: new Date('2027-03-01T09:00:00Z'),
  resultsPosted: false,
  electorate: 10,
};

function textRuns(card: unknown): string[] {
  const out: string[] = [];
  JSON.stringify(card, (_k, v: unknown) => {
    if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'TextRun') out.push(String((v as { text: unknown }).text));
    return v;
  });
  return out;
}

describe.each(['en', 'fr'])('poll cards (%s)', (lang) => {
  const t = translator(createI18n(), lang);
  const view = (over: Partial<PollCardView>): PollCardView => ({
    poll,
    mode: 'channel',
    language: lang,
    voters: 3,
    electorate: 10,
    results: computeResults(poll, { voters: 3, counts: new Array<number>(60).fill(1) }),
    resultsHidden: false,
    isCoChair: false,
    isOpen: true,
    ...over,
  });

  it('show user text literally, only in TextRuns, and stay within the size budget at 20 long options', () => {
    const card = renderPollCard(t, view({ mode: 'personal', hasVoted: true, changing: true, mine: { kind: 'availability', answers: { o0: 'yes' } } }));
    expect(textRuns(card)).toContain(HOSTILE);
    expect(JSON.stringify(card).split(HOSTILE).join('')).not.toMatch(/\{\{|\$\{/);
    expect(textRuns(card).join(' ')).not.toContain('team-secret-id **bold**');
  });

  it('refresh automatically up to 60 listed users, else offer a button', () => {
    const few = renderPollCard(t, view({ refreshUserIds: ['29:a', '29:b'] }));
    expect(few.refresh).toMatchObject({ action: { verb: 'poll.view', data: { teamId: 'team-secret-id', pollId: poll.id } }, userIds: ['29:a', '29:b'] });
    const many = renderPollCard(t, view({ refreshUserIds: Array.from({ length: MAX_REFRESH_USERS + 1 }, (_, i) => `29:${i}`) }));
    expect(many.refresh).not.toHaveProperty('userIds');
    expect(JSON.stringify(many)).toContain(t('polls.card.showMine'));
  });

  it('offer the vote only while open, and no decision action until the decisions feature is wired', () => {
    const closed = renderPollCard(t, view({ mode: 'results', isOpen: false }));
    expect(JSON.stringify(closed)).not.toContain('poll.vote');
    expect(JSON.stringify(closed)).not.toContain('decision.form');
  });

  it('render the create form with no unresolved placeholder', () => {
    const form = renderPollForm(t, { teamId: 'T', pollId: poll.id, timeZone: 'UTC', sessions: [{ id: 's1', title: HOSTILE }], error: { text: HOSTILE } });
    expect(JSON.stringify(form).split(HOSTILE).join('')).not.toMatch(/\{\{|\$\{/);
    expect(textRuns(form)).toContain(HOSTILE);
  });
});

describe('the poll create form', () => {
  const t = translator(createI18n(), 'en');
  const base = { teamId: 'T', pollId: poll.id, timeZone: 'UTC', sessions: [] };
  const maxInput = (card: unknown) => JSON.stringify(card).match(/\{[^{}]*"id":"maxChoices"[^{}]*\}/)?.[0];

  it('leaves "at most how many" empty rather than 0, and gives a typed number back as a number', () => {
    expect(maxInput(renderPollForm(t, base))).not.toContain('"value"');
    expect(maxInput(renderPollForm(t, { ...base, values: { maxChoices: '' } }))).not.toContain('"value"');
    expect(maxInput(renderPollForm(t, { ...base, values: { maxChoices: '3' } }))).toContain('"value":3');
  });

  it('shows a refusal beside its field, with user text only in TextRuns', () => {
    const card = renderPollForm(t, { ...base, error: { text: HOSTILE, field: 'options' } });
    const json = JSON.stringify(card);
    expect(json.indexOf(HOSTILE)).toBeGreaterThan(json.indexOf('"id":"options"'));
    expect(json.indexOf(HOSTILE)).toBeLessThan(json.indexOf('"id":"kind"'));
    expect(textRuns(card)).toContain(HOSTILE);
  });
});
