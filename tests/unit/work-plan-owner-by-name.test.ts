import { ownerByName } from '../../bot/src/features/work-plan/chat/owner-by-name';

const members = [
  { aadObjectId: 'a', name: 'Sofia Marquez' },
  { aadObjectId: 'b', name: 'Sofia Rossi' },
  { aadObjectId: 'c', name: 'José Álvarez' },
  { aadObjectId: 'd', name: 'Jo' },
];

describe('@Name typed as text', () => {
  it.each([
    ['Patch servers @Sofia Marquez', 'a', 'Patch servers'],
    ['@sofia marquez Patch servers', 'a', 'Patch servers'],
    ['Patch @SOFIA R servers', 'b', 'Patch servers'],
    ['Patch servers @jose alvarez', 'c', 'Patch servers'],
    // An exact name wins over the start of a longer one.
    ['Patch servers @Jo', 'd', 'Patch servers'],
  ])('%s', (text, id, title) => {
    expect(ownerByName(text, members)).toMatchObject({ kind: 'one', member: { aadObjectId: id }, title });
  });

  it('lists every member a name could be', () => {
    const r = ownerByName('Patch @Sofia', members);
    expect(r).toMatchObject({ kind: 'several', typed: 'Sofia' });
    expect(r.kind === 'several' && r.candidates.map((m) => m.aadObjectId)).toEqual(['a', 'b']);
  });

  it('says when nobody matches, and ignores "@" inside a word', () => {
    expect(ownerByName('Patch @Nadia K servers now', members)).toEqual({ kind: 'unknown', typed: 'Nadia K servers' });
    expect(ownerByName('Mail ops@contoso.org', members)).toEqual({ kind: 'none' });
  });
});
