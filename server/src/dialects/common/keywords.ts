import { distance } from 'fastest-levenshtein';

/**
 * Resolve a possibly abbreviated keyword the way Cisco IOS and iproute2 do: an exact match wins, otherwise
 * the word must be a prefix of exactly one candidate. Case-insensitive. Returns undefined when unknown or
 * ambiguous.
 */
export function matchKeyword<K extends string>(word: string, candidates: readonly K[], minPrefix = 1): K | undefined {
  const w = word.toLowerCase();
  let found: K | undefined;
  for (const c of candidates) {
    const lc = c.toLowerCase();
    if (lc === w) return c;
    if (w.length >= minPrefix && lc.startsWith(w)) {
      if (found !== undefined) return undefined; // ambiguous
      found = c;
    }
  }
  return found;
}

/**
 * `matchKeyword` over a fixed list of candidates, indexed once: an exact match is one map lookup and a prefix
 * one binary search, instead of lower-casing and comparing every candidate for every word (the command
 * tables have a hundred keywords and every configuration line looks up one to three of them).
 */
export class KeywordIndex<K extends string> {
  private readonly exact = new Map<string, K>();
  /** Lower-cased candidates in code-unit order, and the candidate each one stands for. */
  private readonly lower: string[] = [];
  private readonly keys: K[] = [];

  constructor(readonly candidates: readonly K[]) {
    const byLower = candidates.map((c) => [c.toLowerCase(), c] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [lc, c] of byLower) {
      if (!this.exact.has(lc)) this.exact.set(lc, c);
      this.lower.push(lc);
      this.keys.push(c);
    }
  }

  /** Same answer as `matchKeyword(word, candidates, minPrefix)`. */
  match(word: string, minPrefix = 1): K | undefined {
    const w = word.toLowerCase();
    const hit = this.exact.get(w);
    if (hit !== undefined) return hit;
    if (w.length < minPrefix) return undefined;
    const lower = this.lower;
    let lo = 0;
    let hi = lower.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (lower[mid] < w) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= lower.length || !lower[lo].startsWith(w)) return undefined;
    // Sorted, so every candidate with this prefix follows the first: a second one makes it ambiguous.
    if (lo + 1 < lower.length && lower[lo + 1].startsWith(w)) return undefined;
    return this.keys[lo];
  }
}

/**
 * The candidate closest to a mistyped word, if it is plausibly a typo: within two edits (one for short
 * words), or the word is the candidate with a missing/extra first letter.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  const limit = w.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDist = Infinity;
  for (const c of candidates) {
    // Lengths further apart than the limit cannot be within it: skip the quadratic edit distance.
    if (Math.abs(c.length - w.length) > limit) continue;
    const d = distance(w, c.toLowerCase());
    if (d < bestDist) {
      bestDist = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  return bestDist <= limit && bestDist > 0 ? best : undefined;
}
