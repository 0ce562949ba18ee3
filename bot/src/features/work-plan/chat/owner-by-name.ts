/** A member as the matcher sees them. */
export interface NamedMember {
  aadObjectId: string;
  name: string;
}

export type OwnerByName = { kind: 'none' } | { kind: 'one'; member: NamedMember; title: string } | { kind: 'several'; typed: string; candidates: NamedMember[] } | { kind: 'unknown'; typed: string };

/** The longest name tried after "@" (display names rarely have more words). */
const MAX_NAME_WORDS = 6;

/** "Sofía  MARQUEZ" and "sofia marquez" are the same name to someone typing. */
export function foldName(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * `@Name` typed as text (personal chat has no @mentions): the words after "@" are matched
 * against the group's members, the longest run of words first — an exact name (case and
 * accents aside), else the start of exactly one name. What is not part of the name stays in
 * the title. An "@" inside a word (an e-mail address) is not a name.
 */
export function ownerByName(text: string, members: readonly NamedMember[]): OwnerByName {
  const at = /(^|\s)@(\S)/.exec(text);
  if (!at) return { kind: 'none' };
  const before = text.slice(0, at.index + at[1]!.length).trim();
  const words = text
    .slice(at.index + at[1]!.length + 1)
    .trim()
    .split(/\s+/);
  const folded = members.map((m) => ({ m, name: foldName(m.name) }));
  const longest = Math.min(words.length, MAX_NAME_WORDS);
  const titleWithout = (n: number) => [before, ...words.slice(n)].filter(Boolean).join(' ');
  for (const matches of [(phrase: string, name: string) => name === phrase, (phrase: string, name: string) => name.startsWith(phrase)]) {
    for (let n = longest; n > 0; n--) {
      const phrase = foldName(words.slice(0, n).join(' '));
      const found = folded.filter((f) => matches(phrase, f.name)).map((f) => f.m);
      if (found.length === 1) return { kind: 'one', member: found[0]!, title: titleWithout(n) };
      if (found.length > 1) return { kind: 'several', typed: words.slice(0, n).join(' '), candidates: found };
    }
  }
  return { kind: 'unknown', typed: words.slice(0, Math.min(words.length, 3)).join(' ') };
}
