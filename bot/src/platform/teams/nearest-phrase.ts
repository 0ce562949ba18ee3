/** Edits to turn one word into another: insert, delete, replace, or swap two neighbours ("itmes"). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known phrase closest to what was typed (its first words, as many as the phrase has),
 * when it is a slip of the keyboard rather than another word: at most 2 edits, and fewer than
 * half the phrase's letters.
 */
export function nearestPhrase(text: string, phrases: Iterable<string>): string | undefined {
  const words = text.toLowerCase().replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  if (words.length === 0) return undefined;
  let best: { phrase: string; distance: number } | undefined;
  for (const phrase of phrases) {
    const n = phrase.split(' ').length;
    if (words.length < n) continue;
    const distance = editDistance(words.slice(0, n).join(' '), phrase);
    if (distance > 2 || distance * 2 >= phrase.length) continue;
    if (!best || distance < best.distance) best = { phrase, distance };
  }
  return best?.phrase;
}
