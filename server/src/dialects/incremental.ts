import type { Coverage, FileModel, Position } from '../model/types';
import { lineAt, lineStarts } from './common/lines';

// Re-parsing only what an edit touched. A reader that supports it reports its cuts: lines where whatever it
// carried from earlier lines (an open block, a banner, a sub-mode) is dropped, so reading the file from that
// line on gives the same output whether it starts there or earlier. After an edit only the text between the
// cut before the change and the first cut after it is read again; the old model supplies the rest, moved by
// the number of lines the edit added or removed. Readers whose output depends on the whole file (VyOS paths
// merged into one tree, RTX tunnels selected twice) report no cuts and are always read whole.

/** A cut, with the coverage the reader had counted before that line. */
export interface Cut {
  line: number;
  understood: number;
  ignored: number;
  unknown: number;
}

/** A reader's output: the model and its cuts in line order (none when the reader cannot be resumed). */
export interface Parsed {
  model: FileModel;
  cuts: readonly Cut[];
}

type Counts = Omit<Cut, 'line'>;

const BLOCK = 4096;

/** Length of the common prefix (`end` false) or suffix of two texts, compared a block at a time. */
function common(a: string, b: string, end: boolean, limit: number): number {
  const at = (s: string, n: number, len: number) => (end ? s.slice(s.length - n - len, s.length - n) : s.slice(n, n + len));
  let n = 0;
  while (n + BLOCK <= limit && at(a, n, BLOCK) === at(b, n, BLOCK)) n += BLOCK;
  while (n < limit && at(a, n, 1) === at(b, n, 1)) n++;
  return n;
}

/** Where the texts differ: the first changed line, and the last changed line in each. */
function changedLines(oldText: string, newText: string, oldStarts: readonly number[], newStarts: readonly number[]) {
  const max = Math.min(oldText.length, newText.length);
  const p = common(oldText, newText, false, max);
  const q = common(oldText, newText, true, max - p);
  // A line starting inside the common suffix is unchanged; the line holding the suffix's first character may not be.
  return { first: lineAt(oldStarts, p), lastOld: lineAt(oldStarts, oldText.length - q), lastNew: lineAt(newStarts, newText.length - q) };
}

const isPosition = (v: object): v is Position => 'line' in v && 'character' in v;

interface Span {
  min: number;
  max: number;
}

/** Spans of model entries, which are never changed once made: an edit keeps most of them as they are. */
const spans = new WeakMap<object, Span>();

/** The first and last line any position in a model entry refers to. */
function spanOf(entry: object): Span {
  let span = spans.get(entry);
  if (!span) spans.set(entry, (span = walkSpan(entry, { min: Infinity, max: -Infinity })));
  return span;
}

function walkSpan(value: unknown, span: Span): Span {
  if (typeof value !== 'object' || value === null) return span;
  if (isPosition(value)) {
    span.min = Math.min(span.min, value.line);
    span.max = Math.max(span.max, value.line);
  } else for (const v of Array.isArray(value) ? value : Object.values(value)) walkSpan(v, span);
  return span;
}

/** A copy of a model entry with every position moved by `delta` lines (the entry itself when 0). */
function shifted<T extends object>(entry: T, delta: number): T {
  if (delta === 0) return entry;
  const copy = shiftedValue(entry, delta);
  const span = spans.get(entry);
  if (span) spans.set(copy, { min: span.min + delta, max: span.max + delta });
  return copy;
}

function shiftedValue<T>(value: T, delta: number): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => shiftedValue(v, delta)) as T;
  if (isPosition(value)) return { line: value.line + delta, character: value.character } as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = shiftedValue(v, delta);
  return out as T;
}

type Lists = 'interfaces' | 'tunnels' | 'routes' | 'sections' | 'unknown' | 'invalid' | 'deprecated';
const LISTS: readonly Lists[] = ['interfaces', 'tunnels', 'routes', 'sections', 'unknown', 'invalid', 'deprecated'];

const NONE: Counts = { understood: 0, ignored: 0, unknown: 0 };

/** Index of the first cut at or after `line` (cuts are in line order). */
function cutIndex(cuts: readonly Cut[], line: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid].line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What was counted before `line`, which is 0, a cut, or the end (where everything, `total`, was). */
function countsAt(cuts: readonly Cut[], line: number, total: Counts): Counts {
  const c = cuts[cutIndex(cuts, line)];
  return line === 0 ? NONE : c?.line === line ? c : total;
}

const moved = (c: Cut, delta: number, d: Counts): Cut => ({
  line: c.line + delta,
  understood: c.understood + d.understood,
  ignored: c.ignored + d.ignored,
  unknown: c.unknown + d.unknown,
});

/** Chunks tried past the change before the rest of the file is read in one go. */
const MAX_TRIES = 3;

/**
 * The new text's model from the previous one, reading again only the lines between the cuts around the change.
 * `read` is the dialect's reader. Reads the whole text whenever the pieces might not join up.
 */
export function reparse(previous: { text: string; parsed: Parsed }, text: string, read: (text: string) => Parsed): Parsed {
  if (previous.text === text) return previous.parsed;
  const { cuts } = previous.parsed;
  if (cuts.length === 0) return read(text);
  const oldStarts = startsOf.get(previous.parsed) ?? lineStarts(previous.text);
  const newStarts = lineStarts(text);
  const { first, lastOld, lastNew } = changedLines(previous.text, text, oldStarts, newStarts);
  const delta = lastNew - lastOld;
  // Resume at the last cut before the first changed line (the state there and the line itself are unchanged).
  const before = cutIndex(cuts, first);
  const from = before === 0 ? 0 : cuts[before - 1].line;
  // End at a cut after the change, if the new text read from `from` reaches that line at a cut too; the chunk
  // read includes that line to find out.
  const after = cutIndex(cuts, lastOld + 1);
  for (const end of cuts.slice(after, after + MAX_TRIES)) {
    const endNew = end.line + delta;
    const chunk = read(text.slice(newStarts[from], newStarts[endNew + 1] ?? text.length));
    if (chunk.cuts[cutIndex(chunk.cuts, endNew - from)]?.line === endNew - from) return remember(join(previous.parsed, chunk, from, end.line, delta) ?? read(text), newStarts);
  }
  return remember(join(previous.parsed, read(text.slice(newStarts[from])), from, oldStarts.length, delta) ?? read(text), newStarts);
}

/** Line starts of the texts of parses made here, for the next edit. */
const startsOf = new WeakMap<Parsed, number[]>();

function remember(parsed: Parsed, starts: number[]): Parsed {
  startsOf.set(parsed, starts);
  return parsed;
}

/**
 * The old model before line `from`, the chunk (read from `from`) up to old line `to` (moved by `delta`), and
 * the old model from `to` on. Undefined when an entry spans a cut or the host name cannot be told.
 */
function join(old: Parsed, chunk: Parsed, from: number, to: number, delta: number): Parsed | undefined {
  const m = old.model;
  const chunkEnd = to + delta - from;
  const model: FileModel = { ...m, interfaces: [], tunnels: [], routes: [], sections: [], unknown: [], invalid: [], deprecated: [] };
  for (const list of LISTS) {
    const out: object[] = model[list];
    const tail: object[] = [];
    for (const entry of m[list]) {
      const span = spanOf(entry);
      if (span.max < from) out.push(entry);
      else if (span.min >= to) tail.push(shifted(entry, delta));
      else if (span.min < from || span.max >= to) return undefined;
    }
    for (const entry of chunk.model[list]) {
      const span = spanOf(entry);
      if (span.max < chunkEnd) out.push(shifted(entry, from));
      else if (span.min < chunkEnd) return undefined;
    }
    out.push(...tail);
  }
  // Readers with cuts keep the last host name they read. One inside the replaced lines may have hidden an
  // earlier one, which the old model no longer holds.
  const oldHost = m.hostname && spanOf(m.hostname).min;
  const chunkHost = chunk.model.hostname && spanOf(chunk.model.hostname).min;
  delete model.hostname;
  if (oldHost !== undefined && oldHost >= to) model.hostname = shifted(m.hostname!, delta);
  else if (chunkHost !== undefined && chunkHost < chunkEnd) model.hostname = shifted(chunk.model.hostname!, from);
  else if (oldHost !== undefined && oldHost < from) model.hostname = m.hostname;
  else if (oldHost !== undefined) return undefined;

  const fromCounts = countsAt(old.cuts, from, m.coverage);
  const oldToCounts = countsAt(old.cuts, to, m.coverage);
  const chunkCounts = countsAt(chunk.cuts, chunkEnd, chunk.model.coverage);
  // What the lines from `to` on were counted after, before and now.
  const d: Counts = {
    understood: fromCounts.understood + chunkCounts.understood - oldToCounts.understood,
    ignored: fromCounts.ignored + chunkCounts.ignored - oldToCounts.ignored,
    unknown: fromCounts.unknown + chunkCounts.unknown - oldToCounts.unknown,
  };
  const { understood, ignored, unknown } = moved({ line: 0, ...m.coverage }, 0, d);
  model.coverage = { lines: understood + ignored + unknown, understood, ignored, unknown } satisfies Coverage;
  const tail = old.cuts.slice(cutIndex(old.cuts, to));
  const unchanged = delta === 0 && d.understood === 0 && d.ignored === 0 && d.unknown === 0;
  const cuts = old.cuts.slice(0, cutIndex(old.cuts, from)).concat(
    chunk.cuts.slice(0, cutIndex(chunk.cuts, chunkEnd)).map((c) => moved(c, from, fromCounts)),
    unchanged ? tail : tail.map((c) => moved(c, delta, d)),
  );
  return { model, cuts };
}
