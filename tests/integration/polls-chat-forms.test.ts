import { cardsIn, startBotHarness, type BotHarness } from '../support/bot-harness';
import { badInputValues, cardTexts, inputsOf, textAfterInput, untouchedValues } from '../support/card-inputs';
import en from '../../bot/src/i18n/locales/en/polls.json';

// Real storage and HTTP: give each hook and test room on a busy machine.
jest.setTimeout(60_000);

type Body = { type?: string; value?: unknown };

describe('the poll form in chat, as a client draws and sends it', () => {
  let h: BotHarness;
  const execute = async (verb: string, data: Record<string, unknown>) => (await h.send('invoke-adaptive-card-action', { from: 'amina', cardAction: { verb, data } })).body as Body;
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
});
