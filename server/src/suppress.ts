import type { Dialect } from './model/types';
import type { Finding } from './checks/types';

// `tunnelwright-disable-next-line [rule-id ...]` in a comment silences findings that start on the next line:
// the listed rules, or every rule when none is listed. Only the dialect's own comment syntax counts, so the
// directive inside a value (a description, a quoted string) never hides anything.

const DIRECTIVE = 'tunnelwright-disable-next-line';

/** How each dialect starts a comment line. VyOS config.boot uses C comments, set-command files `#`. */
const commentStarts: Record<Dialect, readonly string[]> = {
  linux: ['#'],
  vyos: ['#', '/*'],
  'cisco-ios': ['!'],
  'yamaha-rtx': ['#'],
};

export interface SuppressionSource {
  text: string;
  dialect: Dialect;
}

/** Rule ids silenced on a line; an empty set silences every rule. */
type Suppressions = Map<number, Set<string>>;

/** The suppressions a file declares, keyed by the line they apply to. */
export function parseSuppressions(text: string, dialect: Dialect): Suppressions {
  const out: Suppressions = new Map();
  if (!text.includes(DIRECTIVE)) return out;
  // Split as the readers split lines, so a finding's line and the directive's line agree.
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const body = commentBody(lines[i], commentStarts[dialect]);
    if (body === undefined) continue;
    const m = /^\s*tunnelwright-disable-next-line(?:\s+(.*))?$/.exec(body);
    if (!m) continue;
    // A ` -- reason` tail explains the suppression; it names no rules.
    const ids = (m[1] ?? '').split(/\s--\s|^--\s?/)[0].split(/[\s,]+/).filter((s) => s.length > 0);
    out.set(i + 1, new Set(ids));
  }
  return out;
}

function commentBody(line: string, starts: readonly string[]): string | undefined {
  const t = line.trimStart();
  for (const s of starts) {
    if (!t.startsWith(s)) continue;
    let body = t.slice(s.length);
    if (s === '/*') body = body.replace(/\*\/\s*$/, '');
    return body.trimEnd();
  }
  return undefined;
}

/** Drop the findings a suppression comment in their file silences. */
export function applySuppressions(findings: Finding[], sourceOf: (path: string) => SuppressionSource | undefined): Finding[] {
  const cache = new Map<string, Suppressions>();
  const suppressionsOf = (path: string): Suppressions => {
    let s = cache.get(path);
    if (s === undefined) {
      const src = sourceOf(path);
      s = src ? parseSuppressions(src.text, src.dialect) : new Map();
      cache.set(path, s);
    }
    return s;
  };
  return findings.filter((f) => {
    const ids = suppressionsOf(f.path).get(f.range.start.line);
    return ids === undefined || (ids.size > 0 && !ids.has(f.code));
  });
}
