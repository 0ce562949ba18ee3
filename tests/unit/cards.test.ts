import { renderCoChairsCard } from '../../bot/src/features/core/cards/co-chairs-card';
import { renderHelpCard } from '../../bot/src/features/core/cards/help-card';
import { expandCard } from '../../bot/src/platform/cards/render';
import { renderWelcomeCard } from '../../bot/src/features/core/cards/welcome-card';

const commands = [
  { usage: 'help', description: 'Show this list.', coChairOnly: false },
  { usage: 'cochair add @Name', description: 'Make a co-chair.', coChairOnly: true },
];
import { createI18n, translator } from '../../bot/src/platform/i18n/i18n';

const t = translator(createI18n(), 'en');
const HOSTILE = '${$root.teamId} **bold** [x](https://evil.example) <script>';

function textRuns(card: unknown): string[] {
  const out: string[] = [];
  JSON.stringify(card, (k, v: unknown) => {
    if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'TextRun') out.push(String((v as { text: unknown }).text));
    return v;
  });
  return out;
}

describe('cards', () => {
  it('are Adaptive Cards 1.5', () => {
    const card = renderHelpCard(t, { isCoChair: false, commands });
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  });

  it('show user text literally: templating expressions in data are not evaluated', () => {
    const card = renderCoChairsCard(t, {
      groupName: HOSTILE,
      teamId: 'team-secret-id',
      canManage: true,
      coChairs: [{ aadObjectId: 'a', name: HOSTILE, configured: false }],
      members: [],
    });
    const runs = textRuns(card);
    expect(runs).toContain(HOSTILE);
    expect(runs.join(' ')).not.toContain('team-secret-id');
  });

  it('never put user text in a markdown TextBlock', () => {
    const card = renderWelcomeCard(t, HOSTILE);
    const blocks: string[] = [];
    JSON.stringify(card, (_k, v: unknown) => {
      if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'TextBlock') blocks.push(String((v as { text: unknown }).text));
      return v;
    });
    expect(blocks.join(' ')).not.toContain('evil.example');
    expect(textRuns(card).join(' ')).toContain('evil.example');
  });

  it('mark co-chair commands with a star', () => {
    const member = JSON.stringify(renderHelpCard(t, { isCoChair: false, group: { name: 'G', teamId: 'T' }, commands: commands.filter((c) => !c.coChairOnly) }));
    const chair = JSON.stringify(renderHelpCard(t, { isCoChair: true, group: { name: 'G', teamId: 'T' }, commands }));
    expect(member).not.toContain('cochair add');
    expect(chair).toContain('★ Make a co-chair.');
  });

  it.each(['en', 'fr'])('leave no message placeholder unresolved (%s)', (lang) => {
    const tl = translator(createI18n(), lang);
    const cards = [
      renderHelpCard(tl, { isCoChair: true, group: { name: 'G', teamId: 'T' }, commands }),
      renderHelpCard(tl, { isCoChair: false, group: { name: 'G', teamId: 'T' }, commands: commands.filter((c) => !c.coChairOnly) }),
      renderHelpCard(tl, { isCoChair: false, commands }),
      renderHelpCard(tl, { isCoChair: false, severalGroups: true, commands }),
      renderWelcomeCard(tl, 'G'),
      renderCoChairsCard(tl, { groupName: 'G', teamId: 'T', canManage: true, coChairs: [{ aadObjectId: 'a', name: 'A', configured: true }], members: [], notice: { text: 'n', tone: 'good' } }),
    ];
    for (const card of cards) expect(JSON.stringify(card)).not.toMatch(/\{\{|\$\{/);
  });

  it('refuse to build a card over the size budget', () => {
    expect(() => expandCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${big}' }] }, { big: 'x'.repeat(60_000) }, t)).toThrow(/budget/);
  });
});
