import type { DecisionStore } from '../../bot/src/features/decisions/domain/ports';
import { openTables } from '../../bot/src/features/storage';
import { DECISION_TABLES, groupPartition, recordRowKey } from '../../bot/src/features/decisions/storage/decision.entities';
import { TableDecisionStore } from '../../bot/src/features/decisions/storage/decision.repository';
import { TEAM, TENANT_ID } from '../fixtures/activities';
import { cardsIn, startBotHarness, textsIn, type BotHarness } from '../support/bot-harness';
import { testStorageConnection } from '../support/storage';
import { recordButtonData } from '../support/decision-confirm';
import en from '../../bot/src/features/decisions/locales/en.json';
import core from '../../bot/src/features/core/locales/en.json';
import frDecisions from '../../bot/src/features/decisions/locales/fr.json';

const group = { tenantId: TENANT_ID, teamId: TEAM.id };
const d = en.decisions;
const YEAR = new Date().getUTCFullYear();
const ref = (n: number) => `D-${YEAR}-${String(n).padStart(3, '0')}`;

type Who = 'amina' | 'lars' | 'sofia';

describe('decisions in chat, over HTTP', () => {
  let h: BotHarness;
  let store: DecisionStore;
  const chain = () => openTables({ kind: 'connection-string', connectionString: testStorageConnection() }, h.service.tablePrefix).table(DECISION_TABLES.chain);

  const execute = async (from: Who, verb: string, data: Record<string, unknown>) => {
    const res = await h.send('invoke-adaptive-card-action', { from, cardAction: { verb, data: { teamId: TEAM.id, ...data } } });
    return res.body as { statusCode: number; type: string; value: unknown };
  };
  const say = async (from: Who, text: string) => {
    h.connector.clear();
    await h.send('personal-message', { from, text });
    return { cards: cardsIn(h.connector.activities()), texts: textsIn(h.connector.activities()) };
  };
  /** The form's submit, then Record on the confirmation it answers (a refusal is answered as it is). */
  const record = async (fields: Record<string, unknown>, from: Who = 'amina') => {
    const answer = await execute(from, 'decision.record', fields);
    const data = recordButtonData(answer.value);
    return data ? execute(from, 'decision.confirm', data) : answer;
  };
  const channelPosts = () => h.connector.requests.filter((r) => r.conversationId === TEAM.selectedChannel.id && r.method === 'POST' && r.body).map((r) => JSON.stringify(r.body));

  beforeAll(async () => {
    h = await startBotHarness();
    await h.send('bot-added-to-team');
    store = new TableDecisionStore(chain());
  });
  afterAll(() => h.stop());

  it('shows co-chairs the form and refuses it to members', async () => {
    const form = await say('amina', 'decide Budget 2027');
    expect(form.cards).toHaveLength(1);
    expect(form.cards[0]).toContain(d.form.heading);
    expect(form.cards[0]).toContain('"value":"Budget 2027"');
    expect((await say('sofia', 'decide')).texts).toContain(core.errors.forbidden);
    // The verb the polls feature will use to open the same form, pre-filled.
    const opened = await execute('amina', 'decision.form', { title: 'Adopt the policy', pollId: 'poll-42', sessionId: 'session-7' });
    expect(JSON.stringify(opened.value)).toContain('"value":"poll-42"');
    expect(await execute('sofia', 'decision.form', {})).toMatchObject({ value: core.errors.forbidden });
  });

  it('records a decision, numbers it, posts it in the channel and shows it', async () => {
    h.connector.clear();
    const res = await record({
      title: 'Adopt the incident policy',
      text: 'The group adopts the incident policy v2.',
      rationale: 'Agreed at the session.',
      pollId: 'poll-42',
      actionItemIds: 'ai-1, ai-2',
      sessionId: 'session-7',
      decidedAt: '',
    });
    expect(res.type).toBe('application/vnd.microsoft.card.adaptive');
    const card = JSON.stringify(res.value);
    expect(card).toContain(d.recorded.notice.replace('{{ref}}', ref(1)));
    expect(card).toContain('decision.amend');
    const posts = channelPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0]).toContain(ref(1));
    expect(posts[0]).toContain('Adopt the incident policy');
    expect(posts[0]).toContain(d.recorded.channel.replace('{{name}}', 'Amina Diallo'));
    expect(posts[0]).not.toContain('decision.amend');

    const shown = await say('lars', `decision ${ref(1).toLowerCase()}`);
    expect(shown.cards[0]).toContain('The group adopts the incident policy v2.');
    expect(shown.cards[0]).toContain(d.status.inForce);
    expect(shown.cards[0]).toContain('Amina Diallo');
    expect(shown.cards[0]).toContain('ai-1, ai-2');
    expect(shown.cards[0]).not.toContain('decision.amend'); // members get no Amend/Revoke
  });

  describe('bad input: a clear message, nothing stored, the chain untouched', () => {
    const cases: [string, Record<string, unknown>, Who, string][] = [
      ['an empty title', { title: '   ', text: 'x' }, 'amina', d.errors.emptyTitle],
      ['an empty text', { title: 'x', text: '' }, 'amina', d.errors.emptyText],
      ['an over-long title', { title: 'x'.repeat(201), text: 'x' }, 'amina', d.errors.tooLong.title.replace('{{length}}', '201').replace('{{max}}', '200')],
      ['an over-long text', { title: 'x', text: 'y'.repeat(4001) }, 'amina', d.errors.tooLong.text.replace('{{length}}', '4001').replace('{{max}}', '4000')],
      ['an over-long rationale', { title: 'x', text: 'y', rationale: 'z'.repeat(2001) }, 'amina', d.errors.tooLong.rationale.replace('{{length}}', '2001').replace('{{max}}', '2000')],
      ['a malformed poll id', { title: 'x', text: 'y', pollId: 'poll 1; drop' }, 'amina', d.errors.badId.poll],
      ['a malformed action item id', { title: 'x', text: 'y', actionItemIds: 'ok-1, <b>bad</b>' }, 'amina', d.errors.badId.actionItem],
      ['a date in the future', { title: 'x', text: 'y', decidedAt: `${YEAR + 1}-01-01` }, 'amina', d.errors.futureDate],
      ['an impossible date', { title: 'x', text: 'y', decidedAt: `${YEAR}-02-30` }, 'amina', d.errors.badDate],
      ['a missing supersede target', { kind: 'amendment', supersedes: `D-${YEAR}-999`, title: 'x', text: 'y' }, 'amina', d.errors.targetMissing.replace('{{ref}}', `D-${YEAR}-999`)],
      ['a member trying to record', { title: 'x', text: 'y' }, 'sofia', core.errors.forbidden],
    ];
    it.each(cases)('%s', async (_what, fields, from, message) => {
      const before = await store.head(group);
      const res = await record(fields, from);
      expect(JSON.stringify(res.value)).toContain(JSON.stringify(message).slice(1, -1));
      const after = await store.head(group);
      expect(after?.etag).toBe(before?.etag);
      expect(after?.value.seq).toBe(before?.value.seq);
    });

    it('keeps what was typed in the form it shows again', async () => {
      const res = await record({ title: '', text: 'Keep this text' });
      expect(JSON.stringify(res.value)).toContain('"value":"Keep this text"');
      expect(JSON.stringify(res.value)).toContain('decision.record');
    });

    it('refuses extra payload fields', async () => {
      const res = await record({ title: 'x', text: 'y', recordedBy: 'someone-else' });
      expect(JSON.stringify(res.value)).toContain(core.errors.validation.split(':')[0]);
    });
  });

  it('shows ${...} and markup literally, in chat and in the channel', async () => {
    const title = '${teamId} **bold** <b>x</b> [link](https://evil.example)';
    const text = '${$root.teamId} ${ref} _i_ <script>alert(1)</script>';
    h.connector.clear();
    const res = await record({ title, text });
    const n = (await store.head(group))!.value.number;
    const textRuns = (card: unknown) =>
      JSON.stringify(card)
        .match(/"type":"TextRun","text":"[^"]*(?:\\.[^"]*)*"/g)
        ?.join('\n') ?? '';
    for (const card of [res.value, JSON.parse(channelPosts()[0]!).attachments[0].content, JSON.parse((await say('sofia', `decision ${ref(n)}`)).cards[0]!)]) {
      expect(textRuns(card)).toContain(JSON.stringify(title).slice(1, -1));
      expect(textRuns(card)).toContain(JSON.stringify(text).slice(1, -1));
      expect(JSON.stringify(card)).not.toContain(TEAM.id + ' **bold**');
      // User text never lands in a TextBlock (which would render markdown).
      expect(JSON.stringify(card)).not.toMatch(/"type":"TextBlock","text":"[^"]*bold/);
    }
  });

  describe('amend and revoke', () => {
    let base: number;
    beforeAll(async () => {
      base = (await store.head(group))!.value.number;
      await record({ title: 'Meet monthly', text: 'The group meets every month.' });
      await record({ title: 'Use Signal', text: 'Use Signal for urgent alerts.' });
    });

    it('amends from the card: the form starts from the old text, the old record shows as superseded', async () => {
      const form = JSON.stringify((await execute('amina', 'decision.amend', { ref: ref(base + 1) })).value);
      expect(form).toContain(d.form.headingAmend.replace('{{ref}}', ref(base + 1)));
      expect(form).toContain('"value":"The group meets every month."');
      expect(form).toContain('"supersedes":"' + ref(base + 1));
      const res = await record({ kind: 'amendment', supersedes: ref(base + 1), title: 'Meet every two months', text: 'The group meets every two months.' });
      expect(JSON.stringify(res.value)).toContain(d.status.amends.replace('{{ref}}', ref(base + 1)));
      const old = (await say('lars', `decision ${ref(base + 1)}`)).cards[0];
      expect(old).toContain(d.status.superseded.replace('{{ref}}', ref(base + 3)));
      expect(old).toContain('The group meets every month.'); // never edited
    });

    it('revokes, and refuses to supersede a record no longer in force', async () => {
      const res = await record({ kind: 'revocation', supersedes: ref(base + 2), title: 'Revocation', text: 'Signal is no longer approved.' });
      expect(JSON.stringify(res.value)).toContain(d.status.revokes.replace('{{ref}}', ref(base + 2)));
      expect((await say('lars', `decision ${ref(base + 2)}`)).cards[0]).toContain(d.status.revoked.replace('{{ref}}', ref(base + 4)));

      const before = await store.head(group);
      const again = await record({ kind: 'amendment', supersedes: ref(base + 1), title: 'x', text: 'y' });
      expect(JSON.stringify(again.value)).toContain(d.errors.alreadySuperseded.replace(/{{ref}}/g, ref(base + 1)).replace(/{{by}}/g, ref(base + 3)));
      const revokeRevoked = await execute('amina', 'decision.revoke', { ref: ref(base + 2) });
      expect(revokeRevoked.value).toBe(d.errors.alreadyRevoked.replace('{{ref}}', ref(base + 2)).replace('{{by}}', ref(base + 4)));
      const ofRevocation = await record({ kind: 'amendment', supersedes: ref(base + 4), title: 'x', text: 'y' });
      expect(JSON.stringify(ofRevocation.value)).toContain(d.errors.targetIsRevocation.replace('{{ref}}', ref(base + 4)));
      expect(await execute('sofia', 'decision.revoke', { ref: ref(base + 3) })).toMatchObject({ value: core.errors.forbidden });
      expect((await store.head(group))?.etag).toBe(before?.etag);
    });
  });

  describe('search', () => {
    beforeAll(async () => {
      for (let i = 1; i <= 11; i++) await record({ title: `Budget line ${i}`, text: `Approve budget line ${i} for the année.` });
    });

    it('lists the latest first, ten per page, with paging', async () => {
      const total = (await store.head(group))!.value.number;
      const first = (await say('sofia', 'decisions')).cards[0]!;
      expect(first).toContain(
        d.list.summary_other
          .replace('{{count}}', String(total))
          .replace('{{page}}', '1')
          .replace('{{pages}}', String(Math.ceil(total / 10))),
      );
      expect(first.indexOf(ref(total))).toBeLessThan(first.indexOf(ref(total - 1)));
      expect(first).not.toContain(`"${ref(total - 10)}"`);
      expect(first).toContain('decisions.page');
      const second = JSON.stringify((await execute('sofia', 'decisions.page', { q: '', page: 1 })).value);
      expect(second).toContain(`"${ref(total - 10)}"`);
      expect(second).toContain(d.list.newer);
    });

    it('finds by words (case and accents ignored), by year, and says when nothing matches', async () => {
      const budget = (await say('sofia', 'decisions BUDGET line 7')).cards[0]!;
      expect(budget).toContain('Budget line 7');
      expect(budget).not.toContain('Budget line 6');
      expect((await say('sofia', 'decisions annee budget')).cards[0]).toContain(d.list.summary_other.replace('{{count}}', '11').replace('{{page}}', '1').replace('{{pages}}', '2'));
      expect((await say('sofia', `decisions ${YEAR} signal`)).cards[0]).toContain('Use Signal');
      expect((await say('sofia', `decisions ${YEAR - 3}`)).cards[0]).toContain(d.list.none);
      // The French command word answers in French.
      expect((await say('sofia', 'décisions nothing-like-this')).cards[0]).toContain(frDecisions.decisions.list.none);
    });

    it('explains a bad or unknown reference', async () => {
      expect((await say('sofia', 'decision 42')).texts).toContain(d.errors.badRef);
      expect((await say('sofia', `decision D-${YEAR}-999`)).texts).toContain(d.errors.notFound.replace('{{ref}}', `D-${YEAR}-999`));
      expect((await say('sofia', 'decision')).texts).toContain(d.errors.showUsage);
    });
  });

  describe('verification in chat', () => {
    it('says the chain is intact, then names the record changed in storage', async () => {
      const head = (await store.head(group))!.value;
      const ok = (await say('sofia', 'decisions verify')).cards[0]!;
      expect(ok).toContain((head.seq === 1 ? d.verify.intact_one : d.verify.intact_other).replace('{{count}}', String(head.seq)).replace('{{head}}', head.hash));

      const table = chain();
      const pk = groupPartition(group);
      await table.updateEntity({ partitionKey: pk, rowKey: recordRowKey(2), text: 'Quietly rewritten.' }, 'Merge');
      const bad = (await say('lars', 'decisions verify')).cards[0]!;
      expect(bad).toContain(
        d.verify.broken.replace('{{problem}}', d.verify.problems['content-changed']).replace('{{where}}', d.verify.whereRecord.replace('{{ref}}', ref(2)).replace('{{position}}', '2')),
      );
      const viaVerb = JSON.stringify((await execute('lars', 'decisions.verify', {})).value);
      expect(viaVerb).toContain(d.verify.problems['content-changed']);
    });
  });
});
