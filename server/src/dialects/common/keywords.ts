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
 * The candidate closest to a mistyped word, if it is plausibly a typo: within two edits (one for short
 * words), or the word is the candidate with a missing/extra first letter.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDist = Infinity;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d < bestDist) {
      bestDist = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  const limit = w.length <= 4 ? 1 : 2;
  return bestDist <= limit && bestDist > 0 ? best : undefined;
}
