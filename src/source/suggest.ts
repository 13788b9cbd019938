// "Did you mean ...?": the nearest of a set of known names to a mistyped one.

/** The candidate closest to `word` by edit distance, when it is close enough to be a likely typo. */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  // Within a third of the word's length (at least 1, at most 3 edits).
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    // The distance is at least the difference in length: most candidates are ruled out unmeasured.
    if (Math.abs(c.length - word.length) >= bestDistance) continue;
    const d = distance(lower, c.toLowerCase(), bestDistance - 1);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Damerau-Levenshtein distance (optimal string alignment): a swap of two letters counts once.
 * With `max`, gives up as soon as the distance must exceed it (returning max + 1), so checking
 * many words against a few names costs little.
 */
export function distance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    // Every later row is at least this row's least value, less one for a swap across rows.
    if (rowMin > max + 1) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return Math.min(prev[n]!, max + 1);
}
