import { renderPollCard } from '../../bot/src/features/polls/cards/poll-card';
import { POLL_FORM_FIELDS, renderPollForm } from '../../bot/src/features/polls/cards/poll-form-card';
import { renderPollListCard } from '../../bot/src/features/polls/cards/poll-list-card';
import type { AdaptiveCard } from '../../bot/src/platform/cards/render';
import { ITEM_CARD_FIELDS, renderDeleteConfirmCard, renderDeletedCard, renderItemCard } from '../../bot/src/features/work-plan/cards/item-card';
import { ITEM_FORM_FIELDS, renderItemFormCard } from '../../bot/src/features/work-plan/cards/item-form-card';
import { SETTINGS_FIELDS, renderSettingsCard } from '../../bot/src/features/work-plan/cards/settings-card';
import type { Poll } from '../../bot/src/features/polls/domain/poll';
import { samplePoll } from '../fixtures/polls';
import type { ActionItem } from '../../bot/src/features/work-plan/domain/action-item';
import { defaultSettings } from '../../bot/src/features/work-plan/domain/work-plan-settings';
import { createI18n, translator } from '../../bot/src/platform/i18n/i18n';
import { actionsOf, badInputValues, inputsOf, textAfterInput } from '../support/card-inputs';

const HOSTILE = '${$root.teamId} **bold** <script>';
const item: ActionItem = {
  tenantId: 't',
  teamId: 'T',
  number: 7,
  title: HOSTILE,
  description: '',
  priority: 'medium',
  status: 'open',
  progress: 40,
  createdBy: 'a',
  createdAt: '2027-01-01T00:00:00Z',
  updatedAt: '2027-01-01T00:00:00Z',
  revision: 1,
};
const poll: Poll = samplePoll({
  tenantId: 't',
  teamId: 'T',
  id: 'p0123456789abcdef',
  question: HOSTILE,
  options: [
    { id: 'o0', text: 'A' },
    { id: 'o1', text: 'B' },
  ],
  closesAt: new Date('2099-03-08T17:00:00Z'),
  timeZone: 'Europe/Zurich',
  createdAt: new Date('2027-03-01T09:00:00Z'),
});
const settings = { ...defaultSettings({ tenantId: 't', teamId: 'T' }, 'UTC'), organisations: ['ITU', 'WHO'] };
const members = [{ id: 'm1', name: 'Sofia Marquez' }];

/** What Teams' renderer needs and would otherwise drop or draw wrong. */
function expectDrawable(card: AdaptiveCard): void {
  expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  const ids = inputsOf(card).map((i) => i.id);
  expect(ids).toEqual([...new Set(ids)]);
  expect(badInputValues(card)).toEqual([]);
  for (const a of actionsOf(card).filter((x) => x.type === 'Action.Execute')) expect(a.verb).toMatch(/^[a-z]+(\.[a-z-]+)+$/);
  expect(JSON.stringify(card).split(HOSTILE).join('')).not.toMatch(/\$\{|\{\{/);
}

describe.each(['en', 'fr'])('chat form cards (%s)', (lang) => {
  const t = translator(createI18n(), lang);
  const cards: [string, AdaptiveCard][] = [
    ['poll form', renderPollForm(t, { teamId: 'T', pollId: poll.id, timeZone: 'UTC', sessions: [] })],
    ['poll form, typed', renderPollForm(t, { teamId: 'T', pollId: poll.id, timeZone: 'UTC', sessions: [{ id: 's', title: HOSTILE }], values: { maxChoices: '3', question: HOSTILE } })],
    [
      'poll card, refused ballot',
      renderPollCard(t, {
        poll,
        mode: 'personal',
        language: lang,
        voters: 0,
        electorate: 3,
        resultsHidden: false,
        isCoChair: false,
        isOpen: true,
        ballotError: { text: HOSTILE, choice: 'o1' },
        viewerUserId: '29:x',
      }),
    ],
    ['poll list', renderPollListCard(t, { teamId: 'T', language: lang, polls: [{ poll, open: true, voters: 1 }], total: 20 })],
    ['item card, co-chair from a list', renderItemCard(t, { teamId: 'T', item, history: [], names: new Map(), timeZone: 'UTC', canEdit: true, isCoChair: true, from: { filter: 'all', page: 1 } })],
    [
      'item card, typed',
      renderItemCard(t, { teamId: 'T', item, history: [], names: new Map(), timeZone: 'UTC', canEdit: true, isCoChair: false, typed: { progress: 150, status: 'done', note: HOSTILE } }),
    ],
    ['item card, read-only', renderItemCard(t, { teamId: 'T', item, history: [], names: new Map(), timeZone: 'UTC', canEdit: false, isCoChair: false })],
    ['delete confirmation', renderDeleteConfirmCard(t, { teamId: 'T', item })],
    ['deleted item', renderDeletedCard(t, { ref: 'A-7', title: HOSTILE, text: HOSTILE })],
    ['item form', renderItemFormCard(t, { teamId: 'T', members, organisations: [], values: {}, dialog: false })],
    ['item form, organisations', renderItemFormCard(t, { teamId: 'T', members, organisations: ['ITU'], values: { owner: 'm1' }, dialog: true })],
    ['settings', renderSettingsCard(t, { teamId: 'T', settings, language: 'en', members, typed: { escalateAfter: '', organisations: HOSTILE } })],
  ];
  it.each(cards)('%s is drawable', (_name, card) => expectDrawable(card));

  it("poll form: each field's error is drawn right after that field", () => {
    for (const field of POLL_FORM_FIELDS) {
      const card = renderPollForm(t, { teamId: 'T', pollId: poll.id, timeZone: 'UTC', sessions: [{ id: 's', title: 'S' }], error: { text: `E-${field}`, field } });
      expect(textAfterInput(card, field)).toBe(`E-${field}`);
    }
    // No session picker without sessions: that error is still shown, at the top.
    const noPicker = renderPollForm(t, { teamId: 'T', pollId: poll.id, timeZone: 'UTC', sessions: [], error: { text: 'E-session', field: 'sessionId' } });
    expect(JSON.stringify(noPicker)).toContain('E-session');
  });

  it("item form: each field's error is drawn right after that field", () => {
    for (const organisations of [[], ['ITU']]) {
      for (const field of ITEM_FORM_FIELDS) {
        const card = renderItemFormCard(t, { teamId: 'T', members, organisations, values: {}, dialog: false, error: { text: `E-${field}`, field } });
        expect(textAfterInput(card, field)).toBe(`E-${field}`);
      }
    }
  });

  it("settings: each field's error is drawn right after that field", () => {
    for (const field of SETTINGS_FIELDS) {
      const card = renderSettingsCard(t, { teamId: 'T', settings, language: 'en', members, error: { text: `E-${field}`, field } });
      expect(textAfterInput(card, field)).toBe(`E-${field}`);
    }
  });

  it("item card: each field's error is drawn after that field, or at the top when the viewer has no such input", () => {
    for (const field of ITEM_CARD_FIELDS) {
      const card = renderItemCard(t, { teamId: 'T', item, history: [], names: new Map(), timeZone: 'UTC', canEdit: true, isCoChair: true, error: { text: `E-${field}`, field } });
      expect(textAfterInput(card, field)).toBe(`E-${field}`);
    }
    const member = renderItemCard(t, { teamId: 'T', item, history: [], names: new Map(), timeZone: 'UTC', canEdit: true, isCoChair: false, error: { text: 'E-priority', field: 'priority' } });
    expect(JSON.stringify(member)).toContain('E-priority');
  });
});

describe('the poll list in French', () => {
  const t = translator(createI18n(), 'fr');
  it('agrees the verb with the number of voters and counts the polls left out', () => {
    const text = (voters: number, total: number) => JSON.stringify(renderPollListCard(t, { teamId: 'T', language: 'fr', polls: [{ poll, open: true, voters }], total }));
    expect(text(1, 1)).toContain('1 sur 3 a voté');
    expect(text(2, 1)).toContain('2 sur 3 ont voté');
    expect(text(1, 17)).toContain('16 sondages plus anciens');
  });
});
