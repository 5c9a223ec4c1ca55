import type { FileModel, Range } from '../model/types';

// Models travel from the parse workers to the main thread as JSON text, which the main thread parses about
// twice as fast as it deserializes the same objects from a structured clone. Ranges are most of that text
// (`{"start":{"line":12,"character":4},"end":{"line":12,"character":9}}` per value), so they travel apart:
// four integers each in a transferred Int32Array, with 0 in their place in the JSON. The main thread parses
// the shorter JSON and puts the ranges back in the order the worker took them out.

/** Keys under which the model holds a `Range` (types.ts): the only places ranges are taken from. */
const isRangeKey = (k: string) => k === 'range' || k === 'nameRange';

/** A reply's models: JSON of one model per item (null: not a tunnel config), ranges taken out. */
export interface WireModels {
  json: string;
  /** Start line, start character, end line, end character of each range taken out, in walk order. */
  ranges: Int32Array<ArrayBuffer>;
  /** Positions of the models sent whole (a range key holding something other than a range: never in a valid model). */
  whole: number[];
}

const isInt = (x: unknown): x is number => typeof x === 'number' && (x | 0) === x;

function isRange(v: unknown): v is Range {
  if (typeof v !== 'object' || v === null) return false;
  const { start, end } = v as Partial<Range>;
  return (
    typeof start === 'object' && start !== null && typeof end === 'object' && end !== null &&
    isInt(start.line) && isInt(start.character) && isInt(end.line) && isInt(end.character)
  );
}

type Node = Record<string, unknown>;

/** Collects the models of one reply as they are made, so that each dies young in the worker. */
export class ModelEncoder {
  private readonly parts: string[] = [];
  private readonly whole: number[] = [];
  private ranges = new Int32Array(1 << 14);
  private used = 0;
  /**
   * (object, key, range) triples of the model being encoded (reused: no garbage per model). The range is kept
   * because one object may occur twice in a model (JSON writes it twice): its key is 0 the second time.
   */
  private readonly holders: unknown[] = [];

  /** Add the next model. Takes its ranges out (the model is spent afterwards). */
  add(model: FileModel | undefined): void {
    if (model === undefined) {
      this.parts.push('null');
      return;
    }
    const h = this.holders;
    h.length = 0;
    if (!collect(model as unknown as Node, h)) {
      this.whole.push(this.parts.length);
      this.parts.push(JSON.stringify(model));
      return;
    }
    this.reserve((h.length / 3) * 4);
    const out = this.ranges;
    let n = this.used;
    for (let i = 0; i < h.length; i += 3) {
      const r = h[i + 2] as Range;
      out[n] = r.start.line;
      out[n + 1] = r.start.character;
      out[n + 2] = r.end.line;
      out[n + 3] = r.end.character;
      n += 4;
      (h[i] as Node)[h[i + 1] as string] = 0;
    }
    this.used = n;
    h.length = 0;
    this.parts.push(JSON.stringify(model));
  }

  /** The reply's models; the encoder starts over. */
  finish(): WireModels {
    const wire = { json: `[${this.parts.join(',')}]`, ranges: this.ranges.slice(0, this.used), whole: this.whole.splice(0) };
    this.parts.length = 0;
    this.used = 0;
    return wire;
  }

  private reserve(more: number): void {
    if (this.used + more <= this.ranges.length) return;
    const grown = new Int32Array(Math.max(this.ranges.length * 2, this.used + more));
    grown.set(this.ranges.subarray(0, this.used));
    this.ranges = grown;
  }
}

/**
 * Push each (object, key, range) holding a range, in the order JSON.stringify writes them (own keys in order, arrays
 * by index). False when a range key holds something else, which the decoder could not tell from a placeholder.
 */
function collect(node: Node | unknown[], out: unknown[]): boolean {
  if (Array.isArray(node)) {
    for (const v of node) if (typeof v === 'object' && v !== null && !collect(v as Node, out)) return false;
    return true;
  }
  for (const k in node) {
    const v = node[k];
    if (isRangeKey(k) && isRange(v)) out.push(node, k, v);
    else if (typeof v === 'number') {
      if (isRangeKey(k)) return false;
    } else if (typeof v === 'object' && v !== null && !collect(v as Node, out)) return false;
  }
  return true;
}

/** The models of a reply, as `JSON.parse` of their whole JSON would give them. */
export function decodeModels(wire: WireModels): (FileModel | undefined)[] {
  const models = JSON.parse(wire.json) as (FileModel | null)[];
  const cursor = { ranges: wire.ranges, at: 0 };
  const whole = new Set(wire.whole);
  const out: (FileModel | undefined)[] = new Array(models.length);
  for (let i = 0; i < models.length; i++) {
    const m = models[i];
    if (m !== null && !whole.has(i)) restore(m as unknown as Node, cursor);
    out[i] = m ?? undefined;
  }
  return out;
}

function restore(node: Node | unknown[], c: { ranges: Int32Array; at: number }): void {
  if (Array.isArray(node)) {
    for (const v of node) if (typeof v === 'object' && v !== null) restore(v as Node, c);
    return;
  }
  for (const k in node) {
    const v = node[k];
    if (typeof v === 'number') {
      if (isRangeKey(k)) {
        const r = c.ranges;
        const a = c.at;
        node[k] = { start: { line: r[a], character: r[a + 1] }, end: { line: r[a + 2], character: r[a + 3] } };
        c.at = a + 4;
      }
    } else if (typeof v === 'object' && v !== null) restore(v as Node, c);
  }
}
