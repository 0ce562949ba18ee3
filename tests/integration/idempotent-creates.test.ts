import type { ActionItemRepository } from '../../bot/src/features/work-plan/domain/ports';
import type { SessionRepository } from '../../bot/src/features/sessions/domain/session';
import type { DecisionStore } from '../../bot/src/features/decisions/domain/ports';
import type { PollRepository } from '../../bot/src/features/polls/domain/ports';
import { testRepositories } from '../support/storage';
import { randomUUID } from 'node:crypto';
import core from '../../bot/src/features/core/locales/en.json';
import polls from '../../bot/src/features/polls/locales/en.json';
import sessions from '../../bot/src/features/sessions/locales/en.json';
import { loadActivity, TEAM, TENANT_ID, type UserKey } from '../fixtures/activities';
import { cardsIn, startBotHarness, type BotHarness } from '../support/bot-harness';
import { actionsOf, cardTexts, untouchedValues } from '../support/card-inputs';
import { recordButtonData } from '../support/decision-confirm';
import { tabApi } from '../support/tab';

// Real storage and HTTP: give each hook and test room on a busy machine.
jest.setTimeout(90_000);

const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const KEY_REUSED = core.errors.reasons['key-reused'];
const next = new Date().getUTCFullYear() + 1;
type Body = { statusCode?: number; type?: string; value?: unknown };

/**
 * A create sent twice — a double click, Teams redelivering, the tab retrying after a timeout —
 * makes one thing, and both answers are the first one's. The same key with another request
 * is refused. Everything goes through HTTP: cards to /api/messages, the tab to /api/tab.
 */
describe('creates are idempotent: one entity for a request sent twice', () => {
  let h: BotHarness;
  let items: ActionItemRepository;
  let pollRepo: PollRepository;
  let register: DecisionStore;
  let sessionRepo: SessionRepository;
  const api = tabApi(() => h.service.url);

  const execute = async (from: UserKey, verb: string, data: Record<string, unknown>) => (await h.send('invoke-adaptive-card-action', { from, cardAction: { verb, data } })).body as Body;
  const cardOf = async (from: UserKey, text: string): Promise<unknown> => {
    h.connector.clear();
    await h.send('personal-message', { from, text });
    const cards = cardsIn(h.connector.activities());
    if (cards.length !== 1) throw new Error(`"${text}" answered ${cards.length} cards`);
    return JSON.parse(cards[0]!) as unknown;
  };
  /** What Teams sends for a button: the card's inputs (as typed) and the action's data. */
  const submission = (card: unknown, verb: string, typed: Record<string, unknown>) => {
    const action = actionsOf(card).find((a) => a.verb === verb);
    if (!action) throw new Error(`no ${verb} button on the card`);
    return { ...untouchedValues(card), ...typed, ...action.data };
  };
  const twiceAtOnce = <T>(send: () => Promise<T>) => Promise.all([send(), send()]);
  const itemCount = async () => (await items.list(group)).length;
  const decisionCount = async () => (await register.rows(group)).length;
  const itemsTitled = async (title: string) => (await items.list(group)).filter((i) => i.title === title);

  beforeAll(async () => {
    h = await startBotHarness();
    await h.send('bot-added-to-team');
    items = testRepositories(h.service.tables).workPlan.items;
    pollRepo = testRepositories(h.service.tables).polls.polls;
    register = testRepositories(h.service.tables).decisions.store;
    sessionRepo = testRepositories(h.service.tables).sessions.sessions;
  });
  afterAll(async () => {
    await h?.stop();
  });

  describe('action items', () => {
    it('the chat form clicked twice at the same moment: one item, the same card twice', async () => {
      const form = await cardOf('amina', 'new item');
      const data = submission(form, 'workplan.item.create', { title: 'Rotate the VPN keys', due: `${next}-03-01` });
      const before = await itemCount();
      const [a, b] = await twiceAtOnce(() => execute('amina', 'workplan.item.create', data));
      expect(await itemCount()).toBe(before + 1);
      expect(await itemsTitled('Rotate the VPN keys')).toHaveLength(1);
      expect(a.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(b).toEqual(a);
    });

    it('the chat form sent again after the first committed (a retry after a timeout): no second item, the same card', async () => {
      const form = await cardOf('lars', 'new item');
      const data = submission(form, 'workplan.item.create', { title: 'Renew the TLS certificates' });
      const first = await execute('lars', 'workplan.item.create', data);
      const count = await itemCount();
      const again = await execute('lars', 'workplan.item.create', data);
      expect(await itemCount()).toBe(count);
      expect(again).toEqual(first);
    });

    it('the same form key with another title is refused, and nothing more is stored', async () => {
      const form = await cardOf('lars', 'new item');
      await execute('lars', 'workplan.item.create', submission(form, 'workplan.item.create', { title: 'Review the firewall rules' }));
      const count = await itemCount();
      const other = await execute('lars', 'workplan.item.create', submission(form, 'workplan.item.create', { title: 'Something else entirely' }));
      expect(JSON.stringify(other)).toContain(KEY_REUSED);
      expect(await itemCount()).toBe(count);
      expect(await itemsTitled('Something else entirely')).toHaveLength(0);
    });

    it('each new form has its own key: two forms make two items', async () => {
      const before = await itemCount();
      for (const title of ['Patch the mail gateway', 'Patch the mail gateway']) {
        const form = await cardOf('amina', 'new item');
        await execute('amina', 'workplan.item.create', submission(form, 'workplan.item.create', { title }));
      }
      expect(await itemCount()).toBe(before + 2);
    });

    it('`new item …` redelivered by Teams (same activity id), also at the same moment: one item, the same answer', async () => {
      const id = `1:${randomUUID()}`;
      const before = await itemCount();
      h.connector.clear();
      await twiceAtOnce(() => h.send('personal-message', { from: 'sofia', text: 'new item Update the contact list', id }));
      await h.send('personal-message', { from: 'sofia', text: 'new item Update the contact list', id });
      expect(await itemCount()).toBe(before + 1);
      const cards = cardsIn(h.connector.activities());
      expect(cards).toHaveLength(3);
      expect(new Set(cards).size).toBe(1);
    });

    it('the message action dialog submitted twice: one item', async () => {
      const fetched = await h.send('invoke-message-action-fetch-task', { from: 'sofia' });
      const card = (fetched.body as { task: { value: { card: { content: unknown } } } }).task.value.card.content;
      const submit = actionsOf(card).find((a) => a.node.type === 'Action.Submit');
      expect(submit?.data?.requestKey).toMatch(/^[0-9a-f]{32}$/);
      const data = { ...untouchedValues(card), ...submit!.data, title: 'Draft the liaison statement (once)' };
      const send = () => {
        const a = loadActivity('invoke-message-action-fetch-task', { serviceUrl: h.connector.url, from: 'sofia' });
        a.name = 'composeExtension/submitAction';
        a.value = { commandId: 'createActionItem', commandContext: 'message', data };
        return h.service.post(a);
      };
      const [a, b] = await twiceAtOnce(send);
      expect([a.body, b.body]).toEqual([{}, {}]);
      expect(await itemsTitled('Draft the liaison statement (once)')).toHaveLength(1);
    });

    it('the tab: two POSTs at the same moment with one Idempotency-Key, then a retry: one item, the same JSON each time', async () => {
      const key = randomUUID();
      const body = { title: 'Write the incident runbook', priority: 'high' };
      const before = await itemCount();
      const [a, b] = await twiceAtOnce(() => api('amina', 'POST', 'items', body, { 'idempotency-key': key }));
      const retry = await api('amina', 'POST', 'items', body, { 'idempotency-key': key });
      expect(await itemCount()).toBe(before + 1);
      expect(a.status).toBe(201);
      expect(b).toEqual(a);
      expect(retry).toEqual(a);
    });

    it("the tab: the same key with another body is refused with 409 and a message; another person's key is not theirs", async () => {
      const key = randomUUID();
      const first = await api<{ item: { ref: string } }>('amina', 'POST', 'items', { title: 'Audit the admin accounts' }, { 'idempotency-key': key });
      const count = await itemCount();
      const other = await api<{ error: { code: string; message: string } }>('amina', 'POST', 'items', { title: 'Audit something else' }, { 'idempotency-key': key });
      expect(other.status).toBe(409);
      expect(other.json.error.message).toBe(KEY_REUSED);
      expect(await itemCount()).toBe(count);
      // Lars sending Amina's key gets an item of his own, never hers.
      const lars = await api<{ item: { ref: string } }>('lars', 'POST', 'items', { title: 'Audit the admin accounts' }, { 'idempotency-key': key });
      expect(lars.status).toBe(201);
      expect(lars.json.item.ref).not.toBe(first.json.item.ref);
    });
  });

  it('a malformed Idempotency-Key (not printable ASCII, or too long) is refused with 400, and nothing is stored', async () => {
    const before = await itemCount();
    const res = await api('amina', 'POST', 'items', { title: 'Never stored' }, { 'idempotency-key': 'k'.repeat(201) });
    expect(res.status).toBe(400);
    expect(await itemCount()).toBe(before);
  });

  describe('polls', () => {
    const pollBody = (question: string) => ({ question, kind: 'single', options: ['Geneva', 'Vienna'], anonymous: false, visibility: 'live', closesDate: `${next}-05-01`, closesTime: '17:00' });
    const pollsAsked = async (question: string) => (await pollRepo.list(group)).filter((p) => p.question === question);
    const channelPolls = (question: string) => cardsIn(h.connector.activities()).filter((c) => c.includes('poll.vote') && c.includes(question));

    it('the chat form clicked twice at the same moment: one poll, posted once, the same card twice', async () => {
      const form = await cardOf('amina', 'poll');
      const data = submission(form, 'poll.create', { question: 'Where do we meet in spring?', options: 'Geneva\nVienna' });
      h.connector.clear();
      const [a, b] = await twiceAtOnce(() => execute('amina', 'poll.create', data));
      expect(await pollsAsked('Where do we meet in spring?')).toHaveLength(1);
      expect(channelPolls('Where do we meet in spring?')).toHaveLength(1);
      expect(cardTexts(a.value)).toContain(polls.polls.created);
      expect(b).toEqual(a);
    });

    it('the chat form sent again after the first committed: the same card; with another question: refused', async () => {
      const form = await cardOf('amina', 'poll');
      const data = submission(form, 'poll.create', { question: 'Which workshop first?', options: 'Cloud\nIdentity' });
      const first = await execute('amina', 'poll.create', data);
      const again = await execute('amina', 'poll.create', data);
      expect(again).toEqual(first);
      const other = await execute('amina', 'poll.create', { ...data, question: 'Another question' });
      expect(JSON.stringify(other)).toContain(polls.polls.errors.alreadyCreated);
      expect(await pollsAsked('Which workshop first?')).toHaveLength(1);
      expect(await pollsAsked('Another question')).toHaveLength(0);
    });

    it('the tab: two POSTs at the same moment and a retry with one key: one poll, posted once, the same JSON; another body: 409', async () => {
      const key = randomUUID();
      h.connector.clear();
      const [a, b] = await twiceAtOnce(() => api('amina', 'POST', 'polls', pollBody('Which date suits?'), { 'idempotency-key': key }));
      const retry = await api('amina', 'POST', 'polls', pollBody('Which date suits?'), { 'idempotency-key': key });
      expect(await pollsAsked('Which date suits?')).toHaveLength(1);
      expect(channelPolls('Which date suits?')).toHaveLength(1);
      expect(a.status).toBe(201);
      expect(b).toEqual(a);
      expect(retry).toEqual(a);
      const other = await api('amina', 'POST', 'polls', pollBody('A different question'), { 'idempotency-key': key });
      expect(other.status).toBe(409);
      expect(await pollsAsked('A different question')).toHaveLength(0);
    });
  });

  describe('decisions (an append-only register: a duplicate could only be revoked)', () => {
    it('Record on the confirmation pressed twice at the same moment: one record, announced once, the same card twice', async () => {
      const form = await cardOf('amina', 'decide Adopt the patching policy');
      const data = submission(form, 'decision.record', { text: 'The group adopts the patching policy.' });
      const before = await decisionCount();
      h.connector.clear();
      // The form's submit twice at once: two confirmations, nothing written.
      const [c1, c2] = await twiceAtOnce(() => execute('amina', 'decision.record', data));
      expect(await decisionCount()).toBe(before);
      const record = recordButtonData(c1.value)!;
      expect(recordButtonData(c2.value)).toEqual(record);
      // The confirmation carries the key the form minted.
      expect(record.requestKey).toBe(data.requestKey);
      const [a, b] = await twiceAtOnce(() => execute('amina', 'decision.confirm', record));
      expect(await decisionCount()).toBe(before + 1);
      expect(cardsIn(h.connector.activities()).filter((c) => c.includes('Adopt the patching policy'))).toHaveLength(1);
      expect(a.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(b).toEqual(a);
    });

    it('a retry of Record after the first committed: no second record; the form sent again and confirmed: the same record; another text with its key: refused', async () => {
      const form = await cardOf('amina', 'decide Retire the old VPN');
      const data = submission(form, 'decision.record', { text: 'The old VPN is retired.' });
      const record = recordButtonData((await execute('amina', 'decision.record', data)).value)!;
      const first = await execute('amina', 'decision.confirm', record);
      const count = await decisionCount();
      expect(await execute('amina', 'decision.confirm', record)).toEqual(first);
      const again = recordButtonData((await execute('amina', 'decision.record', data)).value)!;
      expect(await execute('amina', 'decision.confirm', again)).toEqual(first);
      const other = await execute('amina', 'decision.confirm', { ...record, text: 'Something else.' });
      expect(JSON.stringify(other)).toContain(KEY_REUSED);
      expect(await decisionCount()).toBe(count);
    });

    it('"Revoke" confirmed twice at the same moment: one revocation, the same card twice (not "already revoked")', async () => {
      const created = await api<{ decision: { ref: string } }>('amina', 'POST', 'decisions', { title: 'Meet monthly', text: 'The group meets monthly.' }, { 'idempotency-key': randomUUID() });
      const ref = created.json.decision.ref;
      const revokeForm = (await execute('amina', 'decision.revoke', { teamId: TEAM.id, ref })).value;
      const data = submission(revokeForm, 'decision.record', { text: 'Replaced by quarterly meetings.' });
      const record = recordButtonData((await execute('amina', 'decision.record', data)).value)!;
      const before = await decisionCount();
      const [a, b] = await twiceAtOnce(() => execute('amina', 'decision.confirm', record));
      expect(await decisionCount()).toBe(before + 1);
      expect(b).toEqual(a);
      expect(JSON.stringify(a)).not.toContain('already');
    });

    it("the tab (record form and the session's quick decision): two POSTs at once and a retry with one key: one record, the same JSON; another body: 409", async () => {
      const key = randomUUID();
      const body = { title: 'Publish the annual report', text: 'The report is published in March.' };
      const before = await decisionCount();
      h.connector.clear();
      const [a, b] = await twiceAtOnce(() => api('amina', 'POST', 'decisions', body, { 'idempotency-key': key }));
      const retry = await api('amina', 'POST', 'decisions', body, { 'idempotency-key': key });
      expect(await decisionCount()).toBe(before + 1);
      expect(cardsIn(h.connector.activities()).filter((c) => c.includes('Publish the annual report'))).toHaveLength(1);
      expect(a.status).toBe(201);
      expect(b).toEqual(a);
      expect(retry).toEqual(a);
      const other = await api<{ error: { message: string } }>('amina', 'POST', 'decisions', { ...body, text: 'Published in May.' }, { 'idempotency-key': key });
      expect(other.status).toBe(409);
      expect(other.json.error.message).toBe(KEY_REUSED);
      expect(await decisionCount()).toBe(before + 1);
    });
  });

  it('the keys stored beside the register are not taken for stray rows: the register still verifies', async () => {
    await api('amina', 'POST', 'decisions', { title: 'Keep the register verifiable', text: 'Keys are not chain rows.' }, { 'idempotency-key': randomUUID() });
    const here = (await register.registers()).find((l) => l.group?.tenantId === group.tenantId && l.group.teamId === group.teamId);
    expect(here).toMatchObject({ strays: 0 });
    const verified = await api<{ ok: boolean }>('amina', 'GET', 'decisions/verify');
    expect(verified.json).toMatchObject({ ok: true });
  });

  describe('sessions', () => {
    const fields = (title: string) => ({
      title,
      startDate: `${next}-02-15`,
      startTime: '09:30',
      endDate: `${next}-02-15`,
      endTime: '12:00',
      timeZone: 'Europe/Zurich',
      place: '',
      onlineUrl: '',
      description: '',
      agenda: 'Work-plan review',
    });
    const titled = async (title: string) => (await sessionRepo.list(group)).filter((s) => s.title === title);

    it('the chat form clicked twice at the same moment, then again: one session, the same card each time; another title: refused', async () => {
      const form = await cardOf('amina', 'session new');
      const data = submission(form, 'session.save', fields('Spring session'));
      const [a, b] = await twiceAtOnce(() => execute('amina', 'session.save', data));
      const retry = await execute('amina', 'session.save', data);
      expect(await titled('Spring session')).toHaveLength(1);
      expect(cardTexts(a.value)).toContain(sessions.sessions.card.saved);
      expect(b).toEqual(a);
      expect(retry).toEqual(a);
      const other = await execute('amina', 'session.save', { ...data, title: 'Autumn session' });
      expect(JSON.stringify(other)).toContain(sessions.sessions.errors.alreadyCreated);
      expect(await titled('Autumn session')).toHaveLength(0);
    });
  });
});
