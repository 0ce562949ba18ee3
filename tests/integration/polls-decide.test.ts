import { randomUUID } from 'node:crypto';
import { loadActivity, TEAM, TENANT_ID } from '../fixtures/activities';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import en from '../../bot/src/features/polls/locales/en.json';
import enCore from '../../bot/src/features/core/locales/en.json';
import decisionsEn from '../../bot/src/features/decisions/locales/en.json';
import { actionsOf, cardTexts, untouchedValues } from '../support/card-inputs';
import { recordButtonData } from '../support/decision-confirm';
import { testRepositories } from '../support/storage';

const group = { tenantId: TENANT_ID, teamId: TEAM.id };

/** "Record as decision" on a poll's results: the decisions form, pre-filled on the server. */
describe('polls: record the result as a decision', () => {
  let h: BotHarness;
  const send = (from: 'amina' | 'lars' | 'sofia', verb: string, data: Record<string, unknown>) =>
    h.service.post(loadActivity('invoke-adaptive-card-action', { serviceUrl: h.connector.url, from, cardAction: { verb, data: { teamId: TEAM.id, ...data } } }));
  const text = (res: { body: unknown }) => JSON.stringify(res.body);

  beforeAll(async () => {
    h = await startBotHarness();
    await h.send('bot-added-to-team');
  });
  afterAll(() => h.stop());

  async function poll(): Promise<string> {
    const pollId = `p${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const closesDate = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const res = await send('amina', 'poll.create', { pollId, question: 'Adopt the ${secret} **policy**?', options: 'Yes\nNo', kind: 'single', visibility: 'live', closesDate, closesTime: '17:00' });
    expect(text(res)).toContain(en.polls.created);
    await send('lars', 'poll.vote', { pollId, choice: 'o0' });
    await send('sofia', 'poll.vote', { pollId, choice: 'o0' });
    return pollId;
  }

  it('refuses while the poll is open, and refuses members', async () => {
    const pollId = await poll();
    expect(text(await send('amina', 'poll.decide', { pollId }))).toContain(en.polls.errors.decideOpen);
    await send('amina', 'poll.close', { pollId });
    expect(text(await send('sofia', 'poll.decide', { pollId }))).toContain(enCore.errors.forbidden);
  });

  it('opens the decision form with the question and the sealed results, shown literally', async () => {
    const pollId = await poll();
    await send('amina', 'poll.close', { pollId });
    const res = await send('amina', 'poll.decide', { pollId });
    expect(res.body).toMatchObject({ type: 'application/vnd.microsoft.card.adaptive' });
    const card = text(res);
    expect(card).toContain('Adopt the ${secret} **policy**?');
    expect(card).toContain('★ Yes: 2 (100%)');
    expect(card).toContain(pollId);
  });

  it('goes through the same confirmation: the form submitted shows what will be written, and only Record writes it', async () => {
    const pollId = await poll();
    await send('amina', 'poll.close', { pollId });
    const form = (await send('amina', 'poll.decide', { pollId })).body as { value: unknown };
    const submit = actionsOf(form.value).find((a) => a.verb === 'decision.record')!;
    const store = testRepositories(h.service.tables).decisions.store;
    const before = (await store.rows(group)).length;
    const confirmation = (await send('amina', 'decision.record', { ...untouchedValues(form.value), ...submit.data })).body as { value: unknown };
    expect(cardTexts(confirmation.value)).toContain(decisionsEn.decisions.confirm.heading);
    expect(cardTexts(confirmation.value)).toContain('Adopt the ${secret} **policy**?'); // the poll, by its question
    expect((await store.rows(group)).length).toBe(before);
    const recorded = JSON.stringify((await send('amina', 'decision.confirm', recordButtonData(confirmation.value)!)).body);
    const ref = /Recorded as (D-\d{4}-\d{3})/.exec(recorded)![1]!;
    expect((await store.findByRef(group, ref))?.pollId).toBe(pollId);
    expect((await store.rows(group)).length).toBe(before + 1);
  });
});
