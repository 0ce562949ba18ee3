import { USERS, type UserKey } from '../fixtures/activities';
import { cardsIn, startBotHarness, textsIn, type BotHarness } from '../support/bot-harness';
import { actionsOf, badInputValues, cardTexts, inputsOf, textAfterInput, untouchedValues } from '../support/card-inputs';
import en from '../../bot/src/features/polls/locales/en.json';

// Real storage and HTTP: give each hook and test room on a busy machine.
jest.setTimeout(60_000);

type Body = { type?: string; value?: unknown };

describe('the poll form in chat, as a client draws and sends it', () => {
  let h: BotHarness;
  const execute = async (verb: string, data: Record<string, unknown>, from: UserKey = 'amina') => (await h.send('invoke-adaptive-card-action', { from, cardAction: { verb, data } })).body as Body;
  const createData = (card: unknown) => (card as { actions: { verb: string; data: Record<string, unknown> }[] }).actions.find((a) => a.verb === 'poll.create')!.data;

  beforeAll(async () => {
    h = await startBotHarness();
    await h.send('bot-added-to-team');
  });
  afterAll(() => h.stop());

  const openForm = async () => {
    h.connector.clear();
    await h.send('personal-message', { from: 'amina', text: 'poll' });
    const card = JSON.parse(cardsIn(h.connector.activities())[0]!) as unknown;
    return card;
  };

  it('draws every input with a value of its own type (no empty string in a number input) and submits with its defaults', async () => {
    const card = await openForm();
    expect(badInputValues(card)).toEqual([]);
    expect(inputsOf(card).find((i) => i.id === 'maxChoices')?.value).toBeUndefined();
    const res = await execute('poll.create', { ...untouchedValues(card), ...createData(card), question: 'Where do we meet?', options: 'Geneva\nVienna' });
    expect(res.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardTexts(res.value)).toContain(en.polls.created);
  });

  it('redrawn after a refusal: keeps what was typed, numbers as numbers, and shows the error beside its field', async () => {
    const card = await openForm();
    const typed = { ...untouchedValues(card), ...createData(card), question: 'Which days?', options: 'Mon\nTue\nWed', kind: 'multiple', maxChoices: 9 };
    const res = await execute('poll.create', typed);
    expect(res.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(badInputValues(res.value)).toEqual([]);
    const values = untouchedValues(res.value);
    expect(values).toMatchObject({ question: 'Which days?', options: 'Mon\nTue\nWed', kind: 'multiple', maxChoices: 9 });
    expect(textAfterInput(res.value, 'maxChoices')).toBe(en.polls.errors.badMaxChoices.replace('{{max}}', '3'));

    const past = await execute('poll.create', { ...values, ...createData(res.value), maxChoices: 2, closesDate: '2020-01-01' });
    expect(textAfterInput(past.value, 'closesDate')).toBe(en.polls.errors.closesInPast);
    expect(textAfterInput(past.value, 'maxChoices')).toBe('');
    expect(untouchedValues(past.value)).toMatchObject({ question: 'Which days?', maxChoices: 2, closesDate: '2020-01-01' });
  });

  describe('polls in chat', () => {
    const create = async (question: string, closesDate: string) => {
      const card = await openForm();
      const res = await execute('poll.create', { ...untouchedValues(card), ...createData(card), question, options: 'Yes\nNo', closesDate });
      expect(cardTexts(res.value)).toContain(en.polls.created);
      return { card: res.value, pollId: String(createData(card).pollId) };
    };
    const say = async (from: UserKey, text: string) => {
      h.connector.clear();
      await h.send('personal-message', { from, text });
      return { cards: cardsIn(h.connector.activities()).map((c) => JSON.parse(c) as unknown), texts: textsIn(h.connector.activities()) };
    };
    const year = new Date().getUTCFullYear() + 1;

    it("`polls` lists the group's polls, open ones first (closing soonest first), each with a button to open it", async () => {
      await create('Later poll', `${year}-06-30`);
      const sooner = await create('Sooner poll', `${year}-06-01`);
      const closed = await create('Closed poll', `${year}-07-01`);
      await execute('poll.close', { teamId: createData(await openForm()).teamId, pollId: closed.pollId });
      const { cards } = await say('lars', 'polls');
      const text = cardTexts(cards[0]);
      expect(text).toContain(en.polls.list.title);
      const order = ['Sooner poll', 'Later poll', 'Closed poll'].map((q) => text.indexOf(q));
      expect(order.every((i) => i >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      const openSooner = actionsOf(cards[0]).find((a) => a.verb === 'poll.view' && a.data?.pollId === sooner.pollId)!;
      const view = await execute('poll.view', openSooner.data!, 'lars');
      expect(cardTexts(view.value)).toContain('Sooner poll');
      expect(actionsOf(view.value).map((a) => a.verb)).toContain('poll.vote');
    });

    it('an unknown command suggests the nearest known one', async () => {
      expect((await say('lars', 'itmes')).texts.join(' ')).toContain('Did you mean **items**?');
      expect((await say('lars', 'pols')).texts.join(' ')).toMatch(/Did you mean \*\*polls?\*\*\?/);
      expect((await say('lars', 'what can you do for me?')).texts.join(' ')).not.toContain('Did you mean');
    });

    it('"Vote" with nothing chosen answers with the card, the reason beside the choices', async () => {
      const { pollId } = await create('Pick one', `${year}-05-01`);
      const teamId = createData(await openForm()).teamId;
      const res = await execute('poll.vote', { teamId, pollId }, 'lars');
      expect(res.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(textAfterInput(res.value, 'choice')).toBe(en.polls.errors.noChoice);
      expect(actionsOf(res.value).map((a) => a.verb)).toContain('poll.vote');
    });

    it('the copy of a poll in personal chat refreshes itself, so its counts follow the votes', async () => {
      const { pollId, card } = await create('Fresh counts', `${year}-05-02`);
      const refresh = (card as { refresh?: { action: { verb: string; data: Record<string, unknown> }; userIds?: string[] } }).refresh;
      expect(refresh?.action.verb).toBe('poll.view');
      expect(refresh?.userIds).toEqual([USERS.amina.id]);
      expect(cardTexts(card)).toContain('0 of 3 voted');
      await execute('poll.vote', { teamId: refresh!.action.data.teamId, pollId, choice: 'o0' }, 'lars');
      const again = await execute('poll.view', refresh!.action.data);
      expect(cardTexts(again.value)).toContain('1 of 3 voted');
    });
  });
});
