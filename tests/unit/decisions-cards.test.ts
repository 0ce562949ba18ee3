import fs from 'node:fs';
import path from 'node:path';
import { renderDecisionCard } from '../../bot/src/features/decisions/cards/decision-card';
import { renderDecisionFormCard } from '../../bot/src/features/decisions/cards/decision-form-card';
import { renderDecisionListCard } from '../../bot/src/features/decisions/cards/decision-list-card';
import { renderDecisionConfirmCard } from '../../bot/src/features/decisions/cards/decision-confirm-card';
import { actionsOf, cardTexts } from '../support/card-inputs';
import { DECISION_VERBS } from '../../bot/src/features/decisions/cards/verbs';
import { MAX_CARD_CHARS } from '../../bot/src/platform/cards/render';
import { LIMITS } from '../../bot/src/features/decisions/domain/decision-input';
import type { DecisionView } from '../../bot/src/features/decisions/domain/find-decisions.use-case';
import { PAGE_SIZE } from '../../bot/src/features/decisions/domain/find-decisions.use-case';
import { createI18n, translator } from '../../bot/src/platform/i18n/i18n';
import { formatLocal } from '../../bot/src/kernel/local-time';
import { FeatureRegistry } from '../../bot/src/platform/teams/feature-registry';
import { coreFeature } from '../../bot/src/features/core/core.feature';
import { createDecisionsFeature } from '../../bot/src/features/decisions/decisions.feature';
import type { QuorumContext } from '../../bot/src/features/storage';

const TEMPLATES = path.resolve(__dirname, '../../bot/src/features/decisions/cards/templates');
const t = translator(createI18n(), 'fr');

/** Worst case for size: every field at its limit, with characters JSON escapes to six. */
function worst(seq: number): DecisionView {
  const heavy = (n: number) => '\u0001"'.repeat(Math.ceil(n / 2)).slice(0, n);
  return {
    v: 1,
    tenantId: 't',
    teamId: 'team',
    seq,
    ref: `D-2026-${String(seq).padStart(3, '0')}`,
    year: 2026,
    number: seq,
    kind: 'amendment',
    title: heavy(LIMITS.title),
    text: heavy(LIMITS.text),
    rationale: heavy(LIMITS.rationale),
    sessionId: 's'.repeat(LIMITS.id),
    pollId: 'p'.repeat(LIMITS.id),
    actionItemIds: Array.from({ length: LIMITS.actionItems }, () => 'a'.repeat(LIMITS.id)),
    supersedes: 'D-2026-001',
    decidedAt: '2026-01-01',
    recordedAt: '2026-01-01T00:00:00.000Z',
    recordedBy: 'p-1',
    prev: '0'.repeat(64),
    hash: 'f'.repeat(64),
    status: 'superseded',
    by: 'D-2026-999',
    recordedByName: 'N'.repeat(256),
  };
}

/** More sessions or polls than the card holds, each with a title at its limit. */
const many = (prefix: string) =>
  Array.from({ length: 40 }, (_, i) => ({ id: `${prefix}${i}`.padEnd(LIMITS.id, 'x'), title: '\u0001"'.repeat(150), at: new Date(Date.UTC(2026, 0, i + 1)), timeZone: 'Europe/Zurich' }));

describe('decisions cards', () => {
  it('use only the verbs the feature handles, and every action carries the team', () => {
    const feature = createDecisionsFeature({ repos: { members: {}, decisions: {}, sessions: {}, polls: {}, workPlan: {} } } as unknown as QuorumContext);
    const handled = new Set(feature.verbs!.map((v) => v.verb));
    expect(new Set(Object.values(DECISION_VERBS))).toEqual(handled);
    for (const file of fs.readdirSync(TEMPLATES)) {
      const text = fs.readFileSync(path.join(TEMPLATES, file), 'utf8');
      for (const m of text.matchAll(/"verb": "([^"]+)"/g)) expect(handled).toContain(m[1]);
      for (const m of text.matchAll(/"type": "Action.Execute"[^\n]*?"data": \{([^}]*)\}/g)) expect(m[1]).toContain('"teamId"');
    }
  });

  it('stay under the size budget at every limit', () => {
    const page = { items: Array.from({ length: PAGE_SIZE }, (_, i) => worst(i + 1)), page: 0, pages: 99, total: 990 };
    const cards = [
      renderDecisionCard(t, worst(1), {
        teamId: 'x'.repeat(256),
        canManage: true,
        notice: 'n',
        timeZone: 'America/Argentina/ComodRivadavia',
        language: 'fr',
        names: { session: worst(1).title, poll: worst(1).title },
      }),
      renderDecisionListCard(t, { teamId: 'x'.repeat(256), q: 'q'.repeat(200), page }),
      renderDecisionFormCard(t, {
        sessions: many('s'),
        polls: many('p'),
        language: 'fr',
        teamId: 'x'.repeat(256),
        kind: 'amendment',
        target: { ref: 'D-2026-001', title: worst(1).title },
        today: '2026-01-01',
        values: { ...worst(1), actionItemIds: 'a'.repeat(3000) },
        error: 'e',
      }),
    ];
    for (const card of cards) expect(JSON.stringify(card).length).toBeLessThan(MAX_CARD_CHARS);
  });

  describe('the confirmation before recording, with every field at its limit', () => {
    const items = Array.from({ length: LIMITS.actionItems }, (_, i) => `A-${i}`.padEnd(LIMITS.id, '0'));
    const confirm = (ch: string, language: 'fr' | 'ar') => {
      const full = (n: number) => ch.repeat(n).slice(0, n);
      const record = {
        kind: 'amendment' as const,
        supersedes: 'D-2026-001',
        title: full(LIMITS.title),
        text: full(LIMITS.text),
        rationale: full(LIMITS.rationale),
        decidedAt: '2026-01-01',
        sessionId: 's'.repeat(LIMITS.id),
        pollId: 'p'.repeat(LIMITS.id),
        actionItemIds: items,
      };
      const card = renderDecisionConfirmCard(translator(createI18n(), language), {
        teamId: 'x'.repeat(256),
        language,
        record,
        target: { ref: 'D-2026-001', title: full(LIMITS.title) },
        names: { session: full(200), poll: full(300), items: new Map(items.map((i) => [i, full(200)])) },
      });
      return { card, record };
    };
    const dataOf = (card: unknown, verb: string) => actionsOf(card).find((a) => a.verb === verb)?.data;

    it.each(['fr', 'ar'] as const)('keeps the whole record on Record and Edit, within the budget (%s)', (language) => {
      const { card, record } = confirm('é', language);
      expect(JSON.stringify(card).length).toBeLessThan(MAX_CARD_CHARS);
      const sent = { teamId: 'x'.repeat(256), ...record, rationale: record.rationale, actionItemIds: items.join(', ') };
      expect(dataOf(card, DECISION_VERBS.confirm)).toEqual(sent);
      expect(dataOf(card, DECISION_VERBS.edit)).toEqual(sent);
      expect(cardTexts(card)).toContain(record.text);
    });

    it('drops only Edit, saying so, when quotes double the record in JSON', () => {
      const { card, record } = confirm('"', 'fr');
      expect(JSON.stringify(card).length).toBeLessThan(MAX_CARD_CHARS);
      expect(dataOf(card, DECISION_VERBS.confirm)).toMatchObject({ text: record.text, rationale: record.rationale, title: record.title });
      expect(dataOf(card, DECISION_VERBS.edit)).toBeUndefined();
      expect(cardTexts(card)).toContain(t('decisions.confirm.noEdit'));
    });
  });

  it('never evaluates user text as a template', () => {
    const d = { ...worst(1), title: '${teamId}', text: '${$root.ref} ${join(facts, ",")}', rationale: '' };
    const card = JSON.stringify(renderDecisionCard(t, d, { teamId: 'TEAM', canManage: false, timeZone: 'UTC', language: 'fr' }));
    expect(card).toContain('"text":"${teamId}"');
    expect(card).toContain('"text":"${$root.ref} ${join(facts, \\",\\")}"');
  });

  it('register without clashing with the core commands and verbs', () => {
    const decisions = createDecisionsFeature({ repos: { members: {}, decisions: {}, sessions: {}, polls: {}, workPlan: {} } } as unknown as QuorumContext);
    const registry = new FeatureRegistry([coreFeature, decisions]);
    expect(registry.match('decisions verify')?.command.id).toBe('decisions-verify');
    expect(registry.match('décisions 2026 budget')).toMatchObject({ command: { id: 'decisions' }, args: '2026 budget' });
    expect(registry.match('decision D-2026-004')).toMatchObject({ command: { id: 'decision' }, args: 'D-2026-004' });
    expect(decisions.commands!.filter((c) => c.inMenu)).toHaveLength(2);
  });

  describe('names and times a reader knows', () => {
    const en = translator(createI18n(), 'en');
    const record = {
      ...worst(1),
      title: 'Budget',
      text: 'Adopted',
      rationale: '',
      kind: 'decision' as const,
      status: 'in-force' as const,
      sessionId: 'saf621c7723b4a3bc',
      pollId: 'p0123456789abcdef',
      recordedAt: '2026-03-14T13:30:00.000Z',
      hash: 'ab'.repeat(32),
      recordedByName: 'Amina Diallo',
      actionItemIds: ['A-1'],
    };
    const runs = (card: unknown) => JSON.stringify(card);

    it('shows the linked session and poll by their titles, not their ids', () => {
      const card = runs(renderDecisionCard(en, record, { teamId: 'T', canManage: false, timeZone: 'UTC', language: 'en', names: { session: 'Spring plenary', poll: 'Which budget?' } }));
      expect(card).toContain('"text":"Spring plenary"');
      expect(card).toContain('"text":"Which budget?"');
      expect(card).not.toContain('saf621c7723b4a3bc');
      expect(card).not.toContain('p0123456789abcdef');
    });

    it("says when it was recorded in the group's zone, naming the zone, as other cards do", () => {
      const card = runs(renderDecisionCard(en, record, { teamId: 'T', canManage: false, timeZone: 'Europe/Zurich', language: 'en' }));
      expect(card).toContain(`"text":"${formatLocal(new Date(record.recordedAt), 'Europe/Zurich', 'en')}"`);
      expect(card).toContain('2:30'); // 13:30 UTC is 14:30 in Zurich in March
      expect(card).not.toContain(' UTC"');
    });

    it('has no word too long to wrap (the fingerprint comes in blocks, the full value in the details)', () => {
      const card = renderDecisionCard(en, record, { teamId: 'T', canManage: false, timeZone: 'UTC', language: 'en' });
      const texts: { type: string; text: string; wrap?: boolean }[] = [];
      const walk = (n: unknown): void => {
        if (Array.isArray(n)) return n.forEach(walk);
        if (!n || typeof n !== 'object') return;
        const o = n as Record<string, unknown>;
        if (typeof o.text === 'string') texts.push(o as unknown as { type: string; text: string; wrap?: boolean });
        Object.values(o).forEach(walk);
      };
      walk(card.body);
      // A TextRun never breaks inside a word; a wrapping TextBlock may (it holds the copyable --expect value).
      const long = texts.filter((x) => !(x.type === 'TextBlock' && x.wrap)).filter((x) => x.text.split(/\s+/).some((w) => w.length > 32));
      expect(long).toEqual([]);
      expect(runs(card).replace(/ /g, '')).toContain(record.hash);
    });
  });
});
