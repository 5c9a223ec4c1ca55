import { expect } from 'vitest';
import { analyze } from '../../server/src/analyze';
import { defaultSettings, type Settings } from '../../server/src/config';
import type { Finding, Fix, Severity } from '../../server/src/checks/types';
import type { Range } from '../../server/src/model/types';

// One way to test a rule: files in, the rule's findings compared with what a reader expects to see.

export type Files = Record<string, string>;

/** Lines of a file, joined; a trailing newline as editors write it. */
export const lines = (...ls: string[]): string => `${ls.join('\n')}\n`;

export interface Expected {
  path: string;
  /** The token the finding sits on: its text, optionally with which occurrence (1-based) in the file. */
  at: string | [string, number];
  message: string | RegExp;
  severity?: Severity;
  /** The files after applying the first fix (only those it changes); null: the finding has no fix. */
  fixed?: Files | null;
}

export function run(files: Files, settings: Settings = defaultSettings): Finding[] {
  return analyze(Object.entries(files).map(([path, text]) => ({ path, text })), settings).findings;
}

function offsetToPosition(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

export function locate(text: string, at: Expected['at']): Range {
  const [token, nth] = typeof at === 'string' ? [at, 1] : at;
  let i = -1;
  for (let k = 0; k < nth; k++) {
    i = text.indexOf(token, i + 1);
    if (i < 0) throw new Error(`test error: token \`${token}\` #${nth} not in the file`);
  }
  return { start: offsetToPosition(text, i), end: offsetToPosition(text, i + token.length) };
}

function positionToOffset(text: string, p: { line: number; character: number }): number {
  const ls = text.split('\n');
  let o = 0;
  for (let l = 0; l < p.line; l++) o += ls[l].length + 1;
  return o + p.character;
}

/** The files a fix changes, with its edits applied (last edit first, so offsets stay valid). */
export function applyFix(files: Files, fix: Fix): Files {
  const out: Files = {};
  for (const path of new Set(fix.edits.map((e) => e.path))) {
    let text = files[path];
    const edits = fix.edits.filter((e) => e.path === path).sort((a, b) => positionToOffset(text, b.range.start) - positionToOffset(text, a.range.start));
    for (const e of edits) text = text.slice(0, positionToOffset(text, e.range.start)) + e.newText + text.slice(positionToOffset(text, e.range.end));
    out[path] = text;
  }
  return out;
}

const order = (a: { path: string; range: Range }, b: { path: string; range: Range }) =>
  a.path.localeCompare(b.path) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

/**
 * Assert that rule `code` reports exactly `expected` on `files`. Every fix is applied and the result
 * re-analysed: the fixed text must parse cleanly and the finding must be gone.
 */
export function check(files: Files, code: string, expected: Expected[], settings: Settings = defaultSettings): void {
  const all = run(files, settings);
  const got = all.filter((f) => f.code === code).sort(order);
  const want = expected.map((e) => ({ ...e, range: locate(files[e.path], e.at) })).sort(order);
  expect(got.map((f) => `${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1}`)).toEqual(
    want.map((w) => `${w.path}:${w.range.start.line + 1}:${w.range.start.character + 1}`),
  );
  got.forEach((f, i) => {
    const w = want[i];
    expect(f.range).toEqual(w.range);
    if (typeof w.message === 'string') expect(f.message).toBe(w.message);
    else expect(f.message).toMatch(w.message);
    if (w.severity) expect(f.severity).toBe(w.severity);
    expect(f.related.every((r) => r.path in files)).toBe(true);
    if (w.fixed === null) expect(f.fixes).toEqual([]);
    if (w.fixed) {
      expect(f.fixes.length).toBeGreaterThan(0);
      const changed = applyFix(files, f.fixes[0]);
      expect(changed).toEqual(w.fixed);
      const after = run({ ...files, ...changed }, settings);
      const syntax = after.filter((a) => a.code.startsWith('syntax/') && a.path in changed && a.code !== code);
      expect(syntax).toEqual([]);
      expect(after.some((a) => a.code === code && a.path === f.path && a.range.start.line === f.range.start.line && a.message === f.message)).toBe(false);
    }
  });
}

/** A file with one line changed: for `fixed` expectations. */
export function edit(text: string, from: string, to: string): string {
  expect(text.includes(from)).toBe(true);
  return text.replace(from, to);
}
