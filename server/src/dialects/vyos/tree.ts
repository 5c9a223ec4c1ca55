import type { IToken } from 'chevrotain';

// Lines → a tree of statements. A statement ends at a line end, `{` (it opens a block) or `}` (it closes one).
// `set a b c 'v'` is a top-level leaf; config.boot's `a { b { c v } }` is blocks around a leaf. A stack, not
// recursion, tracks nesting, so malformed nesting only costs the lines it touches.

export interface ConfBlock {
  header: IToken[];
  open: IToken;
  close?: IToken;
  items: ConfItem[];
}

export type ConfItem = { kind: 'leaf'; words: IToken[] } | { kind: 'block'; block: ConfBlock };

export interface ConfTree {
  items: ConfItem[];
  /** `}` without a matching `{`. */
  strayClose: IToken[];
  /** Blocks still open at the end of the text. */
  unclosed: ConfBlock[];
}

/** Lines of tokens (from the parser) → the statement tree. */
export function buildTree(lines: readonly IToken[][]): ConfTree {
  const root: ConfItem[] = [];
  const stack: { block: ConfBlock; items: ConfItem[] }[] = [];
  const strayClose: IToken[] = [];
  let words: IToken[] = [];
  const items = () => (stack.length > 0 ? stack[stack.length - 1].items : root);
  const flush = () => {
    if (words.length > 0) items().push({ kind: 'leaf', words });
    words = [];
  };
  for (const line of lines) {
    for (const tok of line) {
      switch (tok.tokenType.name) {
        case 'LCurly': {
          const block: ConfBlock = { header: words, open: tok, items: [] };
          words = [];
          items().push({ kind: 'block', block });
          stack.push({ block, items: block.items });
          break;
        }
        case 'RCurly':
          flush();
          if (stack.length === 0) strayClose.push(tok);
          else stack.pop()!.block.close = tok;
          break;
        default:
          words.push(tok);
      }
    }
    flush();
  }
  return { items: root, strayClose, unclosed: stack.map((s) => s.block) };
}
