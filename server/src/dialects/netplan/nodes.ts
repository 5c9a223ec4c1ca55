import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Range } from '../../model/types';
import type { Written } from '../networkd/values';
import { lineAt } from '../common/lines';

// YAML nodes → what the lowering needs: ranges in LSP form, scalar text as written, map entries by key.

export class Nodes {
  constructor(
    private readonly text: string,
    private readonly starts: readonly number[],
    private readonly doc: Document.Parsed,
  ) {}

  private position(offset: number): { line: number; character: number } {
    const line = lineAt(this.starts, offset);
    return { line, character: offset - this.starts[line] };
  }

  /** LSP range of text[start, end), without trailing white space (a block collection ends at the next line). */
  range(start: number, end: number): Range {
    // Errors at the end of the text point one past it.
    start = Math.min(start, this.text.length);
    end = Math.min(Math.max(start, end), this.text.length);
    while (end > start && /\s/.test(this.text[end - 1])) end--;
    return { start: this.position(start), end: this.position(end) };
  }

  /** The node's own text (without a trailing comment), following an alias to its anchor. */
  nodeRange(node: Node): Range {
    const [start, end] = node.range ?? [0, 0];
    return this.range(start, end);
  }

  /** A pair from its key to the end of its value. */
  pairRange(pair: Pair): Range {
    const key = pair.key as Node | null;
    const value = pair.value as Node | null;
    const start = key?.range?.[0] ?? value?.range?.[0] ?? 0;
    const end = value?.range?.[1] ?? key?.range?.[1] ?? start;
    return this.range(start, end);
  }

  /** An alias resolved to its anchored node (one step: an anchor cannot refer to itself). */
  deref(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) : node;
  }

  /** A scalar's text as written (quotes removed), or undefined for a collection or null. */
  scalar(node: unknown): Written | undefined {
    const n = this.deref(node);
    if (!isScalar(n) || n.value === null || n.value === undefined) return undefined;
    const text = typeof n.value === 'string' ? n.value : (n.source ?? String(n.value));
    return { text, range: this.nodeRange(node as Node) };
  }

  map(node: unknown): YAMLMap | undefined {
    const n = this.deref(node);
    return isMap(n) ? n : undefined;
  }

  /** Items of a sequence; a scalar stands for a one-item list. */
  seqItems(node: unknown): unknown[] {
    const n = this.deref(node);
    if (isSeq(n)) return n.items;
    return n === null || n === undefined ? [] : [n];
  }

  /** Entries of a map with a scalar key, as [key text, pair]. */
  *entries(map: YAMLMap): Generator<[Written, Pair]> {
    for (const pair of map.items) {
      const key = this.scalar(pair.key);
      if (key !== undefined) yield [key, pair];
    }
  }
}
