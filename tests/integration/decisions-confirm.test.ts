import type { DecisionStore } from '../../bot/src/features/decisions/domain/ports';
import { TEAM, TENANT_ID, USERS, type UserKey } from '../fixtures/activities';
import { cardsIn, startBotHarness, type BotHarness } from '../support/bot-harness';
import { actionsOf, cardTexts, inputsOf, untouchedValues } from '../support/card-inputs';
import { editButtonData, recordButtonData } from '../support/decision-confirm';
import { testRepositories } from '../support/storage';
import en from '../../bot/src/features/decisions/locales/en.json';
import core from '../../bot/src/features/core/locales/en.json';

const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const d = en.decisions;
type Body = { type?: string; value?: unknown };

/**
 * The register is never edited (a slip takes an amendment), so the chat's form checks what
 * was typed and shows it back; only Record on that confirmation writes (WCAG 3.3.4). Record
 * carries the form's key and everything is checked again when it is pressed.
 */
describe('decisions in chat: confirm before recording', () => {
  let h: BotHarness;
  let store: DecisionStore;
  const execute = async (from: UserKey, verb: string, data: Record<string, unknown>) =>
    (await h.send('invoke-adaptive-card-action', { from, cardAction: { verb, data: { teamId: TEAM.id, ...data } } })).body as Body;
  const formCard = async (from: UserKey, text: string): Promise<unknown> => {
    h.connector.clear();
    await h.send('personal-message', { from, text });
    const cards = cardsIn(h.connector.activities());
    if (cards.length !== 1) throw new Error(`"${text}" answered ${cards.length} cards`);
    return JSON.parse(cards[0]!) as unknown;
  };
  /** What Teams sends for the form's submit: its inputs as drawn, what was typed, the button's data. */
  const submit = async (form: unknown, typed: Record<string, unknown>) => {
    const action = actionsOf(form).find((a) => a.verb === 'decision.record')!;
    return execute('amina', 'decision.record', { ...untouchedValues(form), ...typed, ...action.data });
  };
  const rows = async () => (await store.rows(group)).length;
  const channelPosts = () => h.connector.requests.filter((r) => r.conversationId === TEAM.selectedChannel.id && r.method === 'POST' && r.body).length;
  const refIn = (body: Body) => /"text":"(D-\d{4}-\d{3})"/.exec(JSON.stringify(body.value))?.[1];

  beforeAll(async () => {
    h = await startBotHarness();
    await h.send('bot-added-to-team');
    const repos = testRepositories(h.service.tables);
    store = repos.decisions.store;
    const start = new Date(Date.now() - 10 * 86_400_000);
    await repos.sessions.sessions.create({
      ...group,
      id: 's0123456789abcdef',
      title: 'Spring plenary',
      startsAt: start,
      endsAt: new Date(start.getTime() + 3_600_000),
      timeZone: 'Europe/Zurich',
      agenda: [],
      status: 'planned',
      createdBy: USERS.amina.aadObjectId,
      updatedAt: new Date(),
    });
    const closesDate = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    await execute('amina', 'poll.create', { pollId: 'p0123456789abcdef', question: 'Which budget option?', options: 'A\nB', kind: 'single', visibility: 'live', closesDate, closesTime: '17:00' });
    await h.send('personal-message', { from: 'amina', text: 'new item Patch the VPN gateways' });
  });
  afterAll(() => h.stop());

  const typed = {
    title: 'Adopt the incident policy',
    text: 'The group adopts the incident policy v2.\nIt applies at once.',
    rationale: 'Agreed at the plenary.',
    decidedAt: '2026-11-30',
    sessionId: 's0123456789abcdef',
    pollId: 'p0123456789abcdef',
    actionItemIds: 'A-1, A-99',
  };

  it('shows what will be written, by name, and writes nothing before Record', async () => {
    const form = await formCard('amina', 'decide');
    const before = { rows: await rows(), posts: channelPosts() };
    const confirmation = await submit(form, typed);
    const texts = cardTexts(confirmation.value);
    for (const shown of [
      d.confirm.heading,
      d.confirm.kindDecision,
      typed.title,
      typed.text,
      typed.rationale,
      typed.decidedAt,
      'Spring plenary',
      'Which budget option?',
      'A-1 Patch the VPN gateways',
      'A-99',
    ])
      expect(texts).toContain(shown);
    expect(texts).not.toContain('s0123456789abcdef'); // a session by its name, never its id
    expect(actionsOf(confirmation.value).map((a) => [a.verb, a.title])).toEqual([
      ['decision.confirm', d.form.submit],
      ['decision.edit', d.confirm.edit],
    ]);
    expect(inputsOf(confirmation.value)).toEqual([]);
    expect({ rows: await rows(), posts: channelPosts() }).toEqual(before);

    const recorded = await execute('amina', 'decision.confirm', recordButtonData(confirmation.value)!);
    expect(cardTexts(recorded.value)).toContain(d.recorded.notice.replace('{{ref}}', refIn(recorded)!));
    expect(await rows()).toBe(before.rows + 1);
    expect(channelPosts()).toBe(before.posts + 1);
    const written = await store.findByRef(group, refIn(recorded)!);
    expect(written).toMatchObject({ ...typed, kind: 'decision', actionItemIds: ['A-1', 'A-99'] });
  });

  it('Edit brings the form back with every value kept and the same key; nothing is written', async () => {
    const form = await formCard('amina', 'decide');
    const key = actionsOf(form).find((a) => a.verb === 'decision.record')!.data!.requestKey;
    const before = await rows();
    const confirmation = await submit(form, typed);
    const again = (await execute('amina', 'decision.edit', editButtonData(confirmation.value)!)).value;
    expect(untouchedValues(again)).toEqual(typed);
    expect(actionsOf(again).find((a) => a.verb === 'decision.record')!.data!.requestKey).toBe(key);
    expect(await rows()).toBe(before);
    // Changed and submitted again: the confirmation shows the change, Record writes it once.
    const changed = await submit(again, { title: 'Adopt the incident policy v3' });
    const [a, b] = await Promise.all([1, 2].map(() => execute('amina', 'decision.confirm', recordButtonData(changed.value)!)));
    expect(b).toEqual(a);
    expect(await rows()).toBe(before + 1);
    expect((await store.findByRef(group, refIn(a!)!))?.title).toBe('Adopt the incident policy v3');
  });

  it('keeps an amendment its target through Edit, and shows what it supersedes', async () => {
    const original = await execute('amina', 'decision.confirm', recordButtonData((await submit(await formCard('amina', 'decide'), { title: 'Meet monthly', text: 'Every month.' })).value)!);
    const ref = refIn(original)!;
    const form = (await execute('amina', 'decision.amend', { ref })).value;
    const confirmation = await submit(form, { text: 'Every two months.' });
    const texts = cardTexts(confirmation.value);
    expect(texts).toContain(d.confirm.headingAmend.replace('{{ref}}', ref));
    expect(texts).toContain(d.confirm.kindAmendment);
    expect(texts).toContain(`${ref} — Meet monthly`);
    expect(actionsOf(confirmation.value)[0]!.title).toBe(d.confirm.recordAmend);
    const back = (await execute('amina', 'decision.edit', editButtonData(confirmation.value)!)).value;
    expect(cardTexts(back)).toContain(d.form.headingAmend.replace('{{ref}}', ref));
    expect(cardTexts(back)).toContain('Meet monthly');
    expect(untouchedValues(back)).toMatchObject({ title: 'Meet monthly', text: 'Every two months.' });
    expect(actionsOf(back).find((a) => a.verb === 'decision.record')!.data).toMatchObject({ kind: 'amendment', supersedes: ref });
  });

  it('refuses Record by a member, and Edit too; nothing is written', async () => {
    const confirmation = await submit(await formCard('amina', 'decide'), { title: 'Members may not', text: 'Recorded by co-chairs only.' });
    const before = await rows();
    expect(await execute('sofia', 'decision.confirm', recordButtonData(confirmation.value)!)).toMatchObject({ value: core.errors.forbidden });
    expect(await execute('sofia', 'decision.edit', editButtonData(confirmation.value)!)).toMatchObject({ value: core.errors.forbidden });
    expect(await rows()).toBe(before);
  });

  it('refuses Record when the target was superseded meanwhile, with the catalogued message', async () => {
    const original = await execute('amina', 'decision.confirm', recordButtonData((await submit(await formCard('amina', 'decide'), { title: 'Use Signal', text: 'For urgent alerts.' })).value)!);
    const ref = refIn(original)!;
    const slow = await submit((await execute('amina', 'decision.amend', { ref })).value, { text: 'Signal or Threema.' });
    const fast = await execute('amina', 'decision.confirm', recordButtonData((await submit((await execute('amina', 'decision.revoke', { ref })).value, { text: 'No longer approved.' })).value)!);
    const by = refIn(fast)!;
    const before = await rows();
    const refused = await execute('amina', 'decision.confirm', recordButtonData(slow.value)!);
    expect(cardTexts(refused.value)).toContain(d.errors.alreadyRevoked.replace('{{ref}}', ref).replace('{{by}}', by));
    // The form again, with what was typed, so nothing is lost.
    expect(untouchedValues(refused.value)).toMatchObject({ text: 'Signal or Threema.' });
    expect(await rows()).toBe(before);
  });

  describe('a forged Record', () => {
    let record: Record<string, unknown>;
    beforeEach(async () => {
      record = recordButtonData((await submit(await formCard('amina', 'decide'), { title: 'Forgery target', text: 'As confirmed.' })).value)!;
    });

    it('refuses a field the card never carries, and a Record without its key; nothing is written', async () => {
      const before = await rows();
      for (const forged of [
        { ...record, recordedBy: 'someone-else' },
        { ...record, hash: '0'.repeat(64) },
        { ...record, requestKey: undefined },
        { ...record, requestKey: 'not-a-key' },
      ]) {
        const res = await execute('amina', 'decision.confirm', forged);
        expect(res.value).toEqual(expect.stringContaining(core.errors.validation.split(':')[0]!));
      }
      expect(await rows()).toBe(before);
    });

    it('checks a changed value again as the form would (its author is the co-chair either way)', async () => {
      const before = await rows();
      const tooLong = await execute('amina', 'decision.confirm', { ...record, title: 'x'.repeat(201) });
      expect(cardTexts(tooLong.value)).toContain(d.errors.tooLong.title.replace('{{length}}', '201').replace('{{max}}', '200'));
      const future = await execute('amina', 'decision.confirm', { ...record, decidedAt: `${new Date().getUTCFullYear() + 1}-01-01` });
      expect(cardTexts(future.value)).toContain(d.errors.futureDate);
      const noTarget = await execute('amina', 'decision.confirm', { ...record, kind: 'amendment', supersedes: 'D-2020-999' });
      expect(cardTexts(noTarget.value)).toContain(d.errors.targetMissing.replace('{{ref}}', 'D-2020-999'));
      expect(await rows()).toBe(before);
      // A changed title that passes is what the co-chair chose to record; once recorded, the key takes no other.
      const changed = await execute('amina', 'decision.confirm', { ...record, title: 'Changed on the button' });
      expect((await store.findByRef(group, refIn(changed)!))?.title).toBe('Changed on the button');
      expect(JSON.stringify(await execute('amina', 'decision.confirm', record))).toContain(core.errors.reasons['key-reused']);
      expect(await rows()).toBe(before + 1);
    });
  });
});
