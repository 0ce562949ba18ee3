import fs from 'node:fs';
import path from 'node:path';
import { renderDecisionCard } from '../../bot/src/cards/decisions/decision-card';
import { renderDecisionFormCard } from '../../bot/src/cards/decisions/decision-form-card';
import { renderDecisionListCard } from '../../bot/src/cards/decisions/decision-list-card';
import { DECISION_VERBS } from '../../bot/src/cards/decisions/verbs';
import { MAX_CARD_CHARS } from '../../bot/src/cards/render';
import { LIMITS } from '../../bot/src/domain/decisions/decision-input';
import type { DecisionView } from '../../bot/src/domain/decisions/find-decisions.use-case';
import { PAGE_SIZE } from '../../bot/src/domain/decisions/find-decisions.use-case';
import { createI18n, translator } from '../../bot/src/i18n/i18n';
import { FeatureRegistry } from '../../bot/src/teams/feature-registry';
import { coreFeature } from '../../bot/src/teams/features/core.feature';
import { createDecisionsFeature } from '../../bot/src/teams/features/decisions.feature';
import type { FeatureContext } from '../../bot/src/teams/feature';

const TEMPLATES = path.resolve(__dirname, '../../bot/src/cards/decisions/templates');
const t = translator(createI18n(), 'fr');

/** Worst case for size: every field at its limit, with characters JSON escapes to six. */
function worst(seq: number): DecisionView {
  const heavy = (n: number) => '\u0001"'.repeat(Math.ceil(n / 2)).slice(0, n);
  return {
    v: 1, tenantId: 't', teamId: 'team', seq, ref: `D-2026-${String(seq).padStart(3, '0')}`, year: 2026, number: seq, kind: 'amendment',
    title: heavy(LIMITS.title), text: heavy(LIMITS.text), rationale: heavy(LIMITS.rationale), sessionId: 's'.repeat(LIMITS.id), pollId: 'p'.repeat(LIMITS.id),
    actionItemIds: Array.from({ length: LIMITS.actionItems }, () => 'a'.repeat(LIMITS.id)), supersedes: 'D-2026-001',
    decidedAt: '2026-01-01', recordedAt: '2026-01-01T00:00:00.000Z', recordedBy: 'p-1', prev: '0'.repeat(64), hash: 'f'.repeat(64),
    status: 'superseded', by: 'D-2026-999', recordedByName: 'N'.repeat(256),
  };
}

describe('decisions cards', () => {
  it('use only the verbs the feature handles, and every action carries the team', () => {
    const feature = createDecisionsFeature({ tables: { table: () => ({}) }, repos: { members: {} } } as unknown as FeatureContext);
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
      renderDecisionCard(t, worst(1), { teamId: 'x'.repeat(256), canManage: true, notice: 'n' }),
      renderDecisionListCard(t, { teamId: 'x'.repeat(256), q: 'q'.repeat(200), page }),
      renderDecisionFormCard(t, { teamId: 'x'.repeat(256), kind: 'amendment', target: { ref: 'D-2026-001', title: worst(1).title }, today: '2026-01-01', values: { ...worst(1), actionItemIds: 'a'.repeat(3000) }, error: 'e' }),
    ];
    for (const card of cards) expect(JSON.stringify(card).length).toBeLessThan(MAX_CARD_CHARS);
  });

  it('never evaluates user text as a template', () => {
    const d = { ...worst(1), title: '${teamId}', text: '${$root.ref} ${join(facts, ",")}', rationale: '' };
    const card = JSON.stringify(renderDecisionCard(t, d, { teamId: 'TEAM', canManage: false }));
    expect(card).toContain('"text":"${teamId}"');
    expect(card).toContain('"text":"${$root.ref} ${join(facts, \\",\\")}"');
  });

  it('register without clashing with the core commands and verbs', () => {
    const decisions = createDecisionsFeature({ tables: { table: () => ({}) }, repos: { members: {} } } as unknown as FeatureContext);
    const registry = new FeatureRegistry([coreFeature, decisions]);
    expect(registry.match('decisions verify')?.command.id).toBe('decisions-verify');
    expect(registry.match('décisions 2026 budget')).toMatchObject({ command: { id: 'decisions' }, args: '2026 budget' });
    expect(registry.match('decision D-2026-004')).toMatchObject({ command: { id: 'decision' }, args: 'D-2026-004' });
    expect(decisions.commands!.filter((c) => c.inMenu)).toHaveLength(2);
  });
});
