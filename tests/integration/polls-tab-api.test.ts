import type { PollRepository } from '../../bot/src/features/polls/domain/ports';
import { testRepositories } from '../support/storage';
import { randomUUID } from 'node:crypto';
import en from '../../bot/src/features/polls/locales/en.json';
import core from '../../bot/src/features/core/locales/en.json';
import { TEAM, TENANT_ID, USERS } from '../fixtures/activities';
import { cardsIn, startBotHarness, type BotHarness } from '../support/bot-harness';
import { catalogPatterns, isCatalogued } from '../support/catalog';
import { tabApi } from '../support/tab';

jest.setTimeout(60_000);

const group = { tenantId: TENANT_ID, teamId: TEAM.id };
/** A closing date well ahead of the real clock (the service runs on it here). */
const closesDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const body = (fields: Record<string, unknown> = {}) => ({
  question: 'Which topic first?',
  kind: 'single',
  options: ['Threat intel', 'Cloud posture', 'Awareness'],
  anonymous: false,
  visibility: 'live',
  closesDate,
  closesTime: '17:00',
  ...fields,
});

interface PollJson {
  id: string;
  question: string;
  open: boolean;
  voters: number;
  electorate: number;
  sessionId: string | null;
  results: { options: { text: string; count: number }[] } | null;
}

/** POST /api/tab/polls and polls/:id/close over real HTTP, against the real service and the Bot Connector stand-in. */
describe('polls: creating and closing from the tab API', () => {
  let h: BotHarness;
  let polls: PollRepository;
  const patterns = catalogPatterns('en');

  const api = tabApi(() => h.service.url);
  const stored = async () => (await polls.list(group)).length;
  const channelCards = () => cardsIn(h.connector.activities());

  beforeAll(async () => {
    h = await startBotHarness();
    await h.send('bot-added-to-team');
    polls = testRepositories(h.service.tables).polls.polls;
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('creates a poll for the caller and posts the same card to the channel as the chat form does', async () => {
    h.connector.clear();
    const res = await api<{ poll: PollJson; posted: boolean }>('amina', 'POST', 'polls', body());
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ posted: true, poll: { question: 'Which topic first?', open: true, voters: 0, electorate: 3 } });
    const poll = (await polls.get(group, res.json.poll.id))!.value;
    expect(poll).toMatchObject({ createdBy: USERS.amina.aadObjectId, kind: 'single', visibility: 'live', status: 'open' });
    expect(poll.options.map((o) => o.text)).toEqual(['Threat intel', 'Cloud posture', 'Awareness']);
    expect(poll.channelActivityId).toBeTruthy();
    const fromTab = channelCards();
    expect(fromTab).toHaveLength(1);

    // The same poll created from the chat form: the channel sees the same card, poll id aside.
    h.connector.clear();
    const chatId = `p${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const chat = await h.send('invoke-adaptive-card-action', {
      from: 'amina',
      cardAction: {
        verb: 'poll.create',
        data: {
          teamId: TEAM.id,
          pollId: chatId,
          question: 'Which topic first?',
          options: 'Threat intel\nCloud posture\nAwareness',
          kind: 'single',
          visibility: 'live',
          closesDate,
          closesTime: '17:00',
        },
      },
    });
    expect(JSON.stringify(chat.body)).toContain(en.polls.created);
    const fromChat = channelCards();
    expect(fromChat).toHaveLength(1);
    expect(fromTab[0]!.split(res.json.poll.id).join('<id>')).toEqual(fromChat[0]!.split(chatId).join('<id>'));
  });

  it('refuses a member (the group does not let members create polls) and stores nothing', async () => {
    const before = await stored();
    h.connector.clear();
    const res = await api<{ error: { code: string; message: string } }>('sofia', 'POST', 'polls', body());
    expect(res.status).toBe(403);
    expect(res.json.error.message).toBe(en.polls.errors.membersCannotCreate);
    expect(await stored()).toBe(before);
    expect(h.connector.activities()).toHaveLength(0);
  });

  it('lets a member create once co-chairs allow it in chat (the same rule as the chat form)', async () => {
    const on = await h.send('channel-message-mention', { from: 'amina', text: 'poll settings members on' });
    expect(on.status).toBe(200);
    const res = await api<{ poll: PollJson }>('lars', 'POST', 'polls', body({ question: 'Member poll' }));
    expect(res.status).toBe(201);
    expect((await polls.get(group, res.json.poll.id))!.value.createdBy).toBe(USERS.lars.aadObjectId);
    await h.send('channel-message-mention', { from: 'amina', text: 'poll settings members off' });
    expect((await api('lars', 'POST', 'polls', body({ question: 'Refused now' }))).status).toBe(403);
  });

  it.each([
    ['an empty question', { question: '   ' }, en.polls.errors.emptyQuestion],
    ['one option', { options: ['Only', ' '] }, 'A poll needs at least 2 options (one per line).'],
    ['duplicate options', { options: ['Yes', 'yes '] }, 'Two options are the same: yes.'],
    ['an unknown kind', { kind: 'ranked' }, en.polls.errors.badKind],
    ['an unknown visibility', { visibility: 'public' }, en.polls.errors.badVisibility],
    ['too many choices', { kind: 'multiple', maxChoices: 9 }, 'The maximum number of choices must be a whole number from 1 to 3.'],
    ['a bad date', { closesDate: '2027-02-30' }, en.polls.errors.badDate],
    ['a closing time in the past', { closesDate: '2020-01-01' }, en.polls.errors.closesInPast],
    ['an unknown session', { sessionId: 'nope' }, en.polls.errors.unknownSession],
    ['options as one string', { options: 'A\nB' }, core.errors.validation.replace('{{detail}}', 'options')],
    ['a user id in the body', { createdBy: USERS.sofia.aadObjectId }, core.errors.validation.replace('{{detail}}', 'payload')],
  ])('refuses %s with 400 and a catalogued message, storing and posting nothing', async (_what, fields, message) => {
    const before = await stored();
    h.connector.clear();
    const res = await api<{ error: { code: string; message: string } }>('amina', 'POST', 'polls', body(fields));
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('validation');
    expect(isCatalogued(res.json.error.message, patterns)).toBe(true);
    expect(res.json.error.message).toBe(message);
    expect(await stored()).toBe(before);
    expect(h.connector.activities()).toHaveLength(0);
  });

  it('refuses a body that is not JSON, or not an object', async () => {
    const res = await fetch(`${h.service.url}/api/tab/polls`, {
      method: 'POST',
      headers: { 'x-quorum-dev-user': `${TENANT_ID}:${USERS.amina.aadObjectId}`, 'x-quorum-team': TEAM.id, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'question=x',
    });
    expect(res.status).toBe(415);
    expect((await api('amina', 'POST', 'polls', [body()])).status).toBe(400);
  });

  it('closes a poll for co-chairs only, posting the results once', async () => {
    const created = await api<{ poll: PollJson }>('amina', 'POST', 'polls', body({ question: 'Close me?' }));
    const id = created.json.poll.id;
    const vote = await h.send('invoke-adaptive-card-action', { from: 'lars', cardAction: { verb: 'poll.vote', data: { teamId: TEAM.id, pollId: id, choice: 'o1' } } });
    expect(JSON.stringify(vote.body)).toContain(en.polls.card.recorded);

    h.connector.clear();
    const byMember = await api<{ error: { message: string } }>('sofia', 'POST', `polls/${id}/close`);
    expect(byMember.status).toBe(403);
    expect(byMember.json.error.message).toBe(core.errors.forbidden);
    expect((await polls.get(group, id))!.value.status).toBe('open');
    expect(h.connector.activities()).toHaveLength(0);

    const closed = await api<{ poll: PollJson; closedNow: boolean }>('amina', 'POST', `polls/${id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({ closedNow: true, poll: { open: false, voters: 1 } });
    expect(closed.json.poll.results!.options.map((o) => o.count)).toEqual([0, 1, 0]);
    expect((await api<PollJson>('lars', 'GET', `polls/${id}`)).json).toMatchObject({ id, open: false, voters: 1 });
    expect((await polls.get(group, id))!.value).toMatchObject({ status: 'closed', closedBy: USERS.amina.aadObjectId, resultsPosted: true });
    expect(channelCards().filter((c) => c.includes(en.polls.card.resultsHeading) && c.includes('Close me?'))).toHaveLength(1);

    const again = await api<{ closedNow: boolean }>('amina', 'POST', `polls/${id}/close`);
    expect(again.json.closedNow).toBe(false);
    expect(channelCards().filter((c) => c.includes(en.polls.card.resultsHeading))).toHaveLength(1);

    const missing = await api<{ error: { message: string } }>('amina', 'POST', 'polls/p0000000000000000/close');
    expect(missing.status).toBe(404);
    expect(missing.json.error.message).toBe(en.polls.errors.notFound);
  });

  it('filters the list by session', async () => {
    const sessions = testRepositories(h.service.tables).sessions.sessions;
    const start = new Date(Date.now() + 10 * 86_400_000);
    await sessions.create({
      ...group,
      id: 's-exec',
      title: 'Executive session',
      startsAt: start,
      endsAt: new Date(start.getTime() + 3_600_000),
      timeZone: 'Europe/Zurich',
      agenda: [],
      status: 'planned',
      createdBy: USERS.amina.aadObjectId,
      updatedAt: new Date(),
    });
    const tied = await api<{ poll: PollJson }>('amina', 'POST', 'polls', body({ question: 'For the session', sessionId: 's-exec' }));
    expect(tied.status).toBe(201);
    expect(tied.json.poll.sessionId).toBe('s-exec');

    const all = await api<{ polls: PollJson[] }>('lars', 'GET', 'polls');
    expect(all.json.polls.length).toBeGreaterThan(1);
    const ofSession = await api<{ polls: PollJson[] }>('lars', 'GET', 'polls?session=s-exec');
    expect(ofSession.json.polls.map((p) => p.question)).toEqual(['For the session']);
    expect((await api<{ polls: PollJson[]; nextPageToken: string | null }>('lars', 'GET', 'polls?session=other')).json).toEqual({ polls: [], nextPageToken: null });
    const bad = await api<{ error: { code: string } }>('lars', 'GET', 'polls?sesion=s-exec');
    expect(bad.status).toBe(400);
  });
});
