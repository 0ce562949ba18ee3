import { checkCard, verbsAndDatasets } from '../support/card-check';

/**
 * The card checker finds what the outside review found, so a card that passes it is one Teams
 * can draw: each defect below was in a card Quorum sent before the checker existed.
 */
const card = (body: unknown[], extra: Record<string, unknown> = {}) => ({ type: 'AdaptiveCard', version: '1.5', body, ...extra });
const text = { type: 'TextBlock', text: 'Quorum', wrap: true };

describe('the card checker', () => {
  it('passes a plain card, and a typeahead picker with its Teams extension', () => {
    expect(checkCard(card([text], { actions: [{ type: 'Action.Execute', title: 'Go', verb: 'x.go', data: { a: 1 } }] }))).toEqual([]);
    const picker = { type: 'Input.ChoiceSet', id: 'owner', label: 'Owner', style: 'filtered', choices: [{ title: 'Amina', value: 'a1' }], 'choices.data': { type: 'Data.Query', dataset: 'members' } };
    expect(checkCard(card([picker]))).toEqual([]);
    // Teams fills a typeahead from the search: no static choice is needed.
    expect(checkCard(card([{ ...picker, choices: [] }]))).toEqual([]);
  });

  it.each([
    [
      'verticalContentAlignment on a ColumnSet (not in 1.5)',
      card([{ type: 'ColumnSet', verticalContentAlignment: 'Center', columns: [{ type: 'Column', items: [text] }] }]),
      /schema: \/body\/0 must NOT have additional properties/,
    ],
    ['an Input.Number given its value as a string', card([{ type: 'Input.Number', id: 'max', label: 'Max', value: '3' }]), /renderer dropped the value of Input.Number "max"/],
    ['a choice with an empty value', card([{ type: 'Input.ChoiceSet', id: 's', label: 'S', choices: [{ title: 'None', value: '' }] }]), /renderer \(validation\): All choices/],
    ['a choice list with no choice at all', card([{ type: 'Input.ChoiceSet', id: 's', label: 'S', choices: [] }]), /at least one choice/],
    ['a value over its own maxLength', card([{ type: 'Input.Text', id: 'orgs', label: 'Orgs', maxLength: 5, value: 'abcdef' }]), /holds 6 characters, over its own maxLength 5/],
    ['a chosen value that is not a choice', card([{ type: 'Input.ChoiceSet', id: 's', label: 'S', value: 'b', choices: [{ title: 'A', value: 'a' }] }]), /set to "b", which is not one of its choices/],
    ['an unknown element type', card([{ type: 'Carousel2000', id: 'x' }]), /Unknown element type|schema/],
    ['a TextBlock without text', card([{ type: 'TextBlock' }]), /schema: \/body\/0 must have required property 'text'/],
    ['refresh for 61 users', card([text], { refresh: { action: { type: 'Action.Execute', verb: 'x' }, userIds: Array.from({ length: 61 }, (_, i) => `29:${i}`) } }), /refresh.userIds lists 61 users/],
  ])('finds %s', (_name, bad, finding) => {
    const found = checkCard(bad);
    expect(found.some((f) => finding.test(f))).toBe(true);
  });

  it('reads the verbs a card can send, refresh included, and the datasets it searches', () => {
    const c = card([{ type: 'Input.ChoiceSet', id: 'o', label: 'O', choices: [{ title: 'A', value: 'a' }], 'choices.data': { type: 'Data.Query', dataset: 'members|team' } }], {
      actions: [{ type: 'Action.Execute', title: 'Go', verb: 'x.go' }],
      refresh: { action: { type: 'Action.Execute', verb: 'x.view' }, userIds: [] },
    });
    const { verbs, datasets } = verbsAndDatasets(c);
    expect([...verbs].sort()).toEqual(['x.go', 'x.view']);
    expect([...datasets]).toEqual(['members|team']);
  });
});
